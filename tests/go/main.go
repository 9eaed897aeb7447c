// Command harness produces Go-side fixtures for the AIStore wire models:
// a reflection manifest, encoded fixtures, an echo server and HRW vectors.
package main

import (
	"bufio"
	"fmt"
	"os"
)

const usage = `usage: harness <command>
  manifest             reflection manifest of the registered Go types (JSON, stdout)
  fixtures OUTDIR      write encoded fixtures and OUTDIR/index.json
  echo                 decode + re-encode JSON lines from stdin
  hrw                  HRW target for each {"smap", "names"} JSON line on stdin
  hrw-vectors OUTDIR   write OUTDIR/hrw.json
  describe [-modfile FILE] TYPE...
                       wire facts of Go types read from source (pkg.Type or import/path.Type; JSON)
  fuzz SEED COUNT [MESSAGE...]
                       COUNT random values per message, AIStore's encoding and echo (JSON lines)
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	var err error
	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	switch cmd, args := os.Args[1], os.Args[2:]; {
	case cmd == "manifest" && len(args) == 0:
		err = runManifest(out)
	case cmd == "fixtures" && len(args) == 1:
		err = runFixtures(args[0])
	case cmd == "echo" && len(args) == 0:
		err = runEcho(os.Stdin, os.Stdout) // flushes per batch itself
	case cmd == "hrw" && len(args) == 0:
		err = runHrw(os.Stdin, os.Stdout)
	case cmd == "describe" && len(args) >= 1:
		err = runDescribe(out, args)
	case cmd == "fuzz" && len(args) >= 2:
		err = runFuzz(out, args)
	case cmd == "hrw-vectors" && len(args) == 1:
		err = runHrwVectors(args[0])
	default:
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "harness:", err)
		os.Exit(1)
	}
}
