// Package dedup finds records that describe the same place, body or event twice (two sources,
// or a source and a hand-made record), stores them as candidate pairs for moderators, and
// merges a pair field by field.
package dedup
