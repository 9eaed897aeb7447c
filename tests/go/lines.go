package main

// JSON lines in, one JSON line out per request: the shape of the echo and hrw subcommands.

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
)

// serveLines answers each non-blank input line with handle's reply, flushing whenever no
// more input is waiting, so both batch callers and request/response callers work.
func serveLines(in io.Reader, out io.Writer, handle func(line []byte) any) error {
	r := bufio.NewReaderSize(in, 1<<20)
	w := bufio.NewWriterSize(out, 1<<16)
	enc := json.NewEncoder(w) // one line per reply
	enc.SetEscapeHTML(false)
	for {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 && !isBlank(line) {
			if e := enc.Encode(handle(line)); e != nil {
				return e
			}
		}
		if errors.Is(err, io.EOF) {
			return w.Flush()
		}
		if err != nil {
			return err
		}
		if r.Buffered() == 0 {
			if err := w.Flush(); err != nil {
				return err
			}
		}
	}
}

func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}
