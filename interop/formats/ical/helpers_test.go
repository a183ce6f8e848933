package ical

import (
	"os"
	"testing"
)

// readFixture reads a file of testdata/, failing loudly when it is missing.
func readFixture(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("fixture missing (see testdata/SOURCES.md): %v", err)
	}
	return data
}
