package mobilesync

import (
	"strings"

	"github.com/epiclabs-io/diff3"
)

// Bounds of the texts given to the three-way merge. The merge runs inside the push's write
// transaction and a pushed value is only checked against the field's size when the record is
// saved, so a hostile text must not make it slow: Myers' diff costs about lines × differences,
// about 25 ms at these bounds for texts that differ on every line (BenchmarkMergeTextWorstCase,
// 2 shared cores) and well under a millisecond for a real description. Longer texts are not
// merged: the server's text stays and the client's goes to syncConflicts.
const (
	maxMergeBytes = 64 << 10
	maxMergeLines = 500
)

// mergeText three-way merges line-based edits of base made on the server and on the client,
// with epiclabs-io/diff3 (a Go port of node-diff3, the classic diff3 algorithm) using Myers'
// diff (its default, Hunt–McIlroy, took a second for 1,000 identical lines and two minutes for
// 4,000). Edits of
// different paragraphs both survive; it reports false when the edits overlap or a text is
// over the bounds.
func mergeText(base, server, client string) (string, bool) {
	split := func(s string) []string { return strings.Split(s, "\n") }
	a, o, b := split(server), split(base), split(client)
	for i, s := range []string{server, base, client} {
		if len(s) > maxMergeBytes || len([][]string{a, o, b}[i]) > maxMergeLines {
			return "", false
		}
	}
	regions := diff3.Diff3MergeWithOptions(a, o, b,
		diff3.MergeOptions{Algorithm: diff3.DiffAlgorithmMyers, ExcludeFalseConflicts: true})
	var lines []string
	for _, r := range regions {
		if r.Conflict != nil {
			return "", false
		}
		lines = append(lines, r.Ok...)
	}
	return strings.Join(lines, "\n"), true
}
