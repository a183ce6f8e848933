// Command gen derives the demo territory file demo/data/plaine-commune.json from the real data
// in ../shared/data: Plaine Commune's communes with their current names and boundaries, the
// France services and digital-help places inside them, and deterministic demo events, offers
// and organisations around those places. Run it from the repository root:
//
//	go run ./demo/gen -data ../shared/data -out demo/data/plaine-commune.json
//
// The output depends only on the input files (fixed seed, fixed dates), and a test checks that
// the committed file equals a fresh run.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
)

func main() {
	dataDir := flag.String("data", "../shared/data", "folder of the shared real data (boundaries/, poi/)")
	out := flag.String("out", "demo/data/plaine-commune.json", "file to write")
	flag.Parse()
	if err := run(*dataDir, *out); err != nil {
		log.Fatal(err)
	}
}

func run(dataDir, out string) error {
	b, err := build(dataDir)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	log.Printf("wrote %s (%d bytes)", out, len(b))
	return nil
}
