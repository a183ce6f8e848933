package mobilesync

import (
	"strings"

	"github.com/epiclabs-io/diff3"
)

// maxMergeBytes bounds each text given to the three-way merge: its line diff is quadratic, and
// a pushed value is only checked against the field's size when the record is saved. Longer
// texts are not merged (the server's text stays, the client's goes to syncConflicts).
const maxMergeBytes = 64 << 10

// mergeText three-way merges line-based edits of base made on the server and on the client,
// with epiclabs-io/diff3 (a Go port of node-diff3, the classic diff3 algorithm). Edits of
// different paragraphs both survive; it reports false when the edits overlap or a text is
// longer than maxMergeBytes.
func mergeText(base, server, client string) (string, bool) {
	if len(base) > maxMergeBytes || len(server) > maxMergeBytes || len(client) > maxMergeBytes {
		return "", false
	}
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
