package storagesweep

import "strings"

// key is a stored file's place: PocketBase stores a record's files as
// <collection id>/<record id>/<name> and their thumbnails as
// <collection id>/<record id>/thumbs_<name>/<size>_<name>.
type key struct {
	collection, record string
	file               string // the name a record's file field holds
	thumb              bool   // a thumbnail of file, not the file itself
}

// parseKey reads a storage key; ok is false for a key of another shape, which the sweep leaves.
func parseKey(k string) (key, bool) {
	parts := strings.Split(k, "/")
	for _, p := range parts {
		if p == "" {
			return key{}, false
		}
	}
	switch {
	case len(parts) == 3 && !strings.HasPrefix(parts[2], "thumbs_"):
		return key{collection: parts[0], record: parts[1], file: parts[2]}, true
	case len(parts) == 4 && strings.HasPrefix(parts[2], "thumbs_"):
		name := strings.TrimPrefix(parts[2], "thumbs_")
		return key{collection: parts[0], record: parts[1], file: name, thumb: true}, name != ""
	}
	return key{}, false
}

// folders returns the folders holding the file, the deepest first.
func (k key) folders() []string {
	record := k.collection + "/" + k.record
	if k.thumb {
		return []string{record + "/thumbs_" + k.file, record, k.collection}
	}
	return []string{record, k.collection}
}
