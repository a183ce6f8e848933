package moderation

import "github.com/pocketbase/dbx"

// dbxHash builds an equality expression from field, value pairs.
func dbxHash(pairs ...any) dbx.HashExp {
	h := dbx.HashExp{}
	for i := 0; i+1 < len(pairs); i += 2 {
		h[pairs[i].(string)] = pairs[i+1]
	}
	return h
}
