package mobilesync

import (
	"strings"

	"github.com/epiclabs-io/diff3"
)

// mergeText three-way merges line-based edits of base made on the server and on the client,
// with epiclabs-io/diff3 (a Go port of node-diff3, the classic diff3 algorithm). Edits of
// different paragraphs both survive; it reports false when the edits overlap.
func mergeText(base, server, client string) (string, bool) {
	split := func(s string) []string { return strings.Split(s, "\n") }
	regions := diff3.Diff3Merge(split(server), split(base), split(client), true)
	var lines []string
	for _, r := range regions {
		if r.Conflict != nil {
			return "", false
		}
		lines = append(lines, r.Ok...)
	}
	return strings.Join(lines, "\n"), true
}
