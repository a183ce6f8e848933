package moderation

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// contributionCollections are the collections whose published records count as a person's
// contributions: the content of the map, forum threads and news.
var contributionCollections = append(append([]string{}, s.Content...), s.Threads, s.Posts)

// IsTrusted reports whether userID is a trusted member, who may take part in community
// validation: a facilitator or a moderator, or a resident with at least the configured number
// of published contributions (Config.TrustedThreshold, 5 by default). An unknown user is not
// trusted.
func IsTrusted(app core.App, userID string) (bool, error) {
	if userID == "" {
		return false, nil
	}
	user, err := app.FindRecordById(s.Users, userID)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("trusted %s: %w", userID, err)
	}
	if role := user.GetString(s.FieldRole); role == s.RoleFacilitator || role == s.RoleModerator {
		return true, nil
	}
	n, err := PublishedContributions(app, userID)
	return n >= configOf(app).TrustedThreshold, err
}

// PublishedContributions counts the published, not deleted records userID wrote in the
// contribution collections (those missing from the schema count 0).
func PublishedContributions(app core.App, userID string) (int, error) {
	total := 0
	for _, name := range contributionCollections {
		n, err := countWhere(app, name, dbx.HashExp{s.FieldAuthor: userID, s.FieldStatus: s.StatusPublished, s.FieldDeleted: false})
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

// countWhere counts the records of collection matching where; 0 when the collection does not
// exist.
func countWhere(app core.App, collection string, where dbx.Expression) (int, error) {
	if _, err := app.FindCachedCollectionByNameOrId(collection); err != nil {
		return 0, nil
	}
	n, err := app.CountRecords(collection, where)
	if err != nil {
		return 0, fmt.Errorf("count %s: %w", collection, err)
	}
	return int(n), nil
}
