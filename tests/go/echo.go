package main

// `harness echo`: one request per line on stdin,
//   {"message": NAME, "encoding": "json"|"msgpack", "data": base64}
// one reply per line on stdout,
//   {"ok": true, "data": base64} | {"ok": false, "error": "..."}
// The payload is decoded into a fresh value of the registered Go type with
// AIStore's decoder and re-encoded with AIStore's encoder.

import (
	"encoding/json"
	"fmt"
	"io"
	"reflect"
)

type echoRequest struct {
	Message  string `json:"message"`
	Encoding string `json:"encoding"`
	Data     []byte `json:"data"` // base64 (encoding/json)
}

type echoReply struct {
	OK    bool   `json:"ok"`
	Data  []byte `json:"data,omitempty"`
	Error string `json:"error,omitempty"`
}

func echoOnce(t reflect.Type, data []byte, enc string) ([]byte, error) {
	v, err := decode(t, data, enc)
	if err != nil {
		return nil, err
	}
	return encode(v, enc)
}

func echoLine(line []byte) echoReply {
	var req echoRequest
	if err := json.Unmarshal(line, &req); err != nil {
		return echoReply{Error: "bad request: " + err.Error()}
	}
	t, ok := lookupMessage(req.Message)
	if !ok {
		return echoReply{Error: fmt.Sprintf("unknown message %q", req.Message)}
	}
	if req.Encoding == encMsgp && !hasMsgp(t) {
		return echoReply{Error: fmt.Sprintf("%s (%s) has no msgpack encoding", req.Message, t)}
	}
	out, err := echoOnce(t, req.Data, req.Encoding)
	if err != nil {
		return echoReply{Error: err.Error()}
	}
	if out == nil {
		out = []byte{}
	}
	return echoReply{OK: true, Data: out}
}

func runEcho(in io.Reader, out io.Writer) error {
	return serveLines(in, out, func(line []byte) any { return echoLine(line) })
}
