package mobilesync

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
)

// cursorVersion is the version of the cursor encoding.
const cursorVersion = 1

// maxCursorLen bounds what decodeCursor reads: real cursors are about 150 characters.
const maxCursorLen = 1024

// ErrBadCursor is returned for a cursor this server did not make.
var ErrBadCursor = errors.New("malformed sync cursor")

// cursor is where a client stands in the change log: opaque to clients, base64url JSON.
// Scope is the hash of what the user may read (scope.go); a cursor of another epoch or scope
// is answered with a reset.
type cursor struct {
	V     int    `json:"v"`
	Epoch string `json:"epoch"`
	Seq   int64  `json:"seq"`
	Scope string `json:"scope"`
}

// encodeCursor returns the opaque form of c.
func encodeCursor(c cursor) string {
	c.V = cursorVersion
	b, _ := json.Marshal(c) // a struct of strings and ints always marshals
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor parses an opaque cursor. The empty string is the zero cursor ("from the
// start"); anything else must be a well-formed cursor of this version.
func decodeCursor(s string) (cursor, error) {
	var c cursor
	if s == "" {
		return c, nil
	}
	if len(s) > maxCursorLen {
		return c, fmt.Errorf("%w: longer than %d characters", ErrBadCursor, maxCursorLen)
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return c, fmt.Errorf("%w: %v", ErrBadCursor, err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return cursor{}, fmt.Errorf("%w: %v", ErrBadCursor, err)
	}
	if dec.More() {
		return cursor{}, fmt.Errorf("%w: trailing data", ErrBadCursor)
	}
	if c.V != cursorVersion || c.Epoch == "" || c.Seq < 0 {
		return cursor{}, fmt.Errorf("%w: version %d, epoch %q, seq %d", ErrBadCursor, c.V, c.Epoch, c.Seq)
	}
	return c, nil
}
