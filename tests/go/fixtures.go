package main

// `harness fixtures OUTDIR`: every case of every message, encoded the way
// AIStore encodes it, plus OUTDIR/index.json.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
)

type indexEntry struct {
	Message  string `json:"message"`
	Case     string `json:"case"`
	Encoding string `json:"encoding"`
	Path     string `json:"path"` // relative to OUTDIR
	// false when Go's own decode + re-encode does not reproduce the bytes
	GoEchoIdentical bool `json:"go_echo_identical"`
	// when not identical: what AIStore writes after reading the bytes (relative to OUTDIR)
	EchoPath string `json:"echo_path,omitempty"`
}

func runFixtures(outdir string) error {
	var index []indexEntry
	for _, msg := range messages {
		build, ok := caseBuilders[msg.Name]
		if !ok {
			return fmt.Errorf("%s: no fixture cases", msg.Name)
		}
		dir := filepath.Join(outdir, msg.Name)
		if err := os.RemoveAll(dir); err != nil { // no stale cases
			return err
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		entries, err := writeCases(msg, build(), outdir)
		if err != nil {
			return fmt.Errorf("%s: %w", msg.Name, err)
		}
		index = append(index, entries...)
	}
	sort.Slice(index, func(i, j int) bool {
		a, b := index[i], index[j]
		if a.Message != b.Message {
			return a.Message < b.Message
		}
		if a.Case != b.Case {
			return a.Case < b.Case
		}
		return a.Encoding < b.Encoding
	})
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(index); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(outdir, "index.json"), buf.Bytes(), 0o644)
}

func writeCases(msg message, cases []fixtureCase, outdir string) ([]indexEntry, error) {
	if len(cases) < 3 {
		return nil, fmt.Errorf("only %d cases", len(cases))
	}
	encodings := []string{encJSON}
	if hasMsgp(msg.Type) {
		encodings = append(encodings, encMsgp)
	}
	var (
		entries []indexEntry
		seen    = map[string]bool{}
	)
	for _, c := range cases {
		if seen[c.Name] {
			return nil, fmt.Errorf("duplicate case %q", c.Name)
		}
		seen[c.Name] = true
		if got := reflect.TypeOf(c.Value); got != reflect.PointerTo(msg.Type) {
			return nil, fmt.Errorf("case %s: value is %v, expecting *%v", c.Name, got, msg.Type)
		}
		if c.Name == "full" {
			if err := checkFull(c.Value); err != nil {
				return nil, err
			}
		}
		for _, enc := range encodings {
			data, err := encode(c.Value, enc)
			if err != nil {
				return nil, fmt.Errorf("case %s (%s): %w", c.Name, enc, err)
			}
			rel := filepath.Join(msg.Name, c.Name+"."+enc)
			if err := os.WriteFile(filepath.Join(outdir, rel), data, 0o644); err != nil {
				return nil, err
			}
			again, err := echoOnce(msg.Type, data, enc)
			if err != nil {
				return nil, fmt.Errorf("case %s (%s): AIStore cannot read its own bytes: %w", c.Name, enc, err)
			}
			entry := indexEntry{msg.Name, c.Name, enc, filepath.ToSlash(rel), bytes.Equal(again, data), ""}
			if !entry.GoEchoIdentical {
				echoRel := filepath.Join(msg.Name, c.Name+".echo."+enc)
				if err := os.WriteFile(filepath.Join(outdir, echoRel), again, 0o644); err != nil {
					return nil, err
				}
				entry.EchoPath = filepath.ToSlash(echoRel)
			}
			entries = append(entries, entry)
		}
	}
	return entries, nil
}
