package main

// Encoding and decoding exactly the way AIStore does:
//   JSON:    cos.JSON (jsoniter: EscapeHTML=false, SortMapKeys, DisallowUnknownFields)
//   msgpack: the type's tinylib/msgp EncodeMsg/DecodeMsg (AIStore generates with
//            -marshal=false, so there is no MarshalMsg/UnmarshalMsg; the server
//            streams through msgp.Writer, see ais/htrun.go writeMsgPack, and the
//            client reads through msgp.Reader, see api/client.go readAny).

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"

	"github.com/NVIDIA/aistore/api/apc"
	"github.com/NVIDIA/aistore/cmn/cos"
	"github.com/NVIDIA/aistore/ext/etl"

	jsoniter "github.com/json-iterator/go"
	"github.com/tinylib/msgp/msgp"
)

const (
	encJSON = "json"
	encMsgp = "msgpack"
)

// hasMsgp reports whether values of t can be encoded and decoded with msgp.
func hasMsgp(t reflect.Type) bool {
	return implements(t, tMsgpEncodable) && implements(t, tMsgpDecodable)
}

func encodeJSON(v any) ([]byte, error) { return cos.JSON.Marshal(v) }

func encodeMsgp(v any) ([]byte, error) {
	e, ok := v.(msgp.Encodable)
	if !ok {
		return nil, fmt.Errorf("%T has no msgp encoder", v)
	}
	var buf bytes.Buffer
	w := msgp.NewWriter(&buf)
	if err := e.EncodeMsg(w); err != nil {
		return nil, err
	}
	if err := w.Flush(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func encode(v any, enc string) ([]byte, error) {
	if enc == encMsgp {
		return encodeMsgp(v)
	}
	return encodeJSON(v)
}

// decode returns a pointer to a fresh value of t holding the decoded payload.
func decode(t reflect.Type, data []byte, enc string) (any, error) {
	ptr := reflect.New(t).Interface()
	switch enc {
	case encJSON:
		if d, ok := ptr.(*etl.Details); ok {
			return d, decodeDetails(data, d)
		}
		if a, ok := ptr.(*apc.ActMsg); ok {
			return a, decodeActMsg(data, a)
		}
		return ptr, cos.JSON.Unmarshal(data, ptr)
	case encMsgp:
		d, ok := ptr.(msgp.Decodable)
		if !ok {
			return nil, fmt.Errorf("%s has no msgp decoder", t)
		}
		src := bytes.NewReader(data)
		r := msgp.NewReader(src)
		if err := d.DecodeMsg(r); err != nil {
			return nil, err
		}
		if n := r.Buffered() + src.Len(); n != 0 {
			return nil, fmt.Errorf("%d trailing bytes after msgpack value", n)
		}
		return ptr, nil
	}
	return nil, fmt.Errorf("unknown encoding %q", enc)
}

// decodeActMsg: as a handler reads an action, its value decoded into the action's Go type
// with cos.MorphMarshal (strict), which is also what a Go client sends there.
func decodeActMsg(data []byte, a *apc.ActMsg) error {
	if err := cos.JSON.Unmarshal(data, a); err != nil {
		return err
	}
	t, ok := actionValues[a.Action]
	if !ok || a.Value == nil {
		return nil
	}
	v := reflect.New(t).Interface()
	if err := cos.MorphMarshal(a.Value, v); err != nil {
		return fmt.Errorf("%s value: %w", a.Action, err)
	}
	a.Value = v
	return nil
}

// decodeDetails: etl.Details.InitMsg is an interface, which no JSON decoder can
// fill. AIStore's client (api.ETLGetDetail) splits the object into raw members
// and calls etl.UnmarshalInitMsg, which tries ETLSpecMsg, then InitSpecMsg, each
// followed by Validate(). Validate rewrites defaults (comm-type suffix, timeouts)
// and parses the pod spec, so it is skipped here: the same order of attempts,
// with cos.JSON's strict decoder so each shape is recognized by its own fields.
func decodeDetails(data []byte, d *etl.Details) error {
	var raw map[string]jsoniter.RawMessage
	if err := cos.JSON.Unmarshal(data, &raw); err != nil {
		return err
	}
	if raw == nil {
		return errors.New("etl.Details: expecting a JSON object")
	}
	for _, k := range sortedKeys(raw) {
		switch k {
		case etl.InitMsgType:
			msg, err := decodeInitMsg(raw[k])
			if err != nil {
				return err
			}
			d.InitMsg = msg
		case etl.ObjErrsType:
			if err := cos.JSON.Unmarshal(raw[k], &d.ObjErrs); err != nil {
				return err
			}
		default:
			return fmt.Errorf("etl.Details: unknown field %q", k)
		}
	}
	return nil
}

func decodeInitMsg(b []byte) (etl.InitMsg, error) {
	// (jsoniter hands a JSON null to a RawMessage as an empty slice)
	if b = bytes.TrimSpace(b); len(b) == 0 || string(b) == "null" {
		return nil, nil
	}
	var spec etl.ETLSpecMsg
	err1 := cos.JSON.Unmarshal(b, &spec)
	if err1 == nil {
		return &spec, nil
	}
	var pod etl.InitSpecMsg
	err2 := cos.JSON.Unmarshal(b, &pod)
	if err2 == nil {
		return &pod, nil
	}
	return nil, fmt.Errorf("invalid etl.InitMsg: ETLSpecMsg error: %v; InitSpecMsg error: %v", err1, err2)
}
