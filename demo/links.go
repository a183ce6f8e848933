package demo

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/demo/dataset"
	s "github.com/maillage/maillage/schema"
)

// demoLink is a fictional cooperation between two demo records, so that the network view of
// the demo is not empty: confirmed, public, with no author (made by the demo).
type demoLink struct {
	fromColl string
	from     dataset.Ref
	toColl   string
	to       dataset.Ref
	kind     string
	directed bool
	start    string
}

func demoRef(id string) dataset.Ref { return dataset.Ref{Source: "maillage-demo", ExternalID: id} }
func servicesRef(id string) dataset.Ref {
	return dataset.Ref{Source: "anct-france-services", ExternalID: id}
}
func cnfsRef(id string) dataset.Ref { return dataset.Ref{Source: "anct-cnfs-2022", ExternalID: id} }

// demoLinks are the demo's cooperations (fictional, like its organisations).
var demoLinks = []demoLink{
	{s.Organisations, demoRef("org-01"), s.Organisations, demoRef("org-05"), "supply", true, "2023-04-01"},
	{s.Organisations, demoRef("org-02"), s.Organisations, demoRef("org-03"), "partnership", false, "2022-09-15"},
	{s.Organisations, demoRef("org-03"), s.Organisations, demoRef("org-06"), "sharedPlace", false, "2024-01-10"},
	{s.Organisations, demoRef("org-06"), s.Organisations, demoRef("org-02"), "supply", true, "2023-06-01"},
	{s.Organisations, demoRef("org-02"), s.Organisations, demoRef("org-04"), "membership", true, "2024-02-01"},
	{s.Organisations, demoRef("org-04"), s.Initiatives, servicesRef("668"), "partnership", false, "2023-10-02"},
	{s.Organisations, demoRef("org-04"), s.Initiatives, cnfsRef("627a6d46ad1bdb06edc48eb1"), "sharedPlace", false, "2024-03-04"},
	{s.Organisations, demoRef("org-01"), s.Initiatives, cnfsRef("62b19372dd51e705b1807328"), "partnership", false, "2022-05-21"},
	{s.Organisations, demoRef("org-05"), s.Organisations, demoRef("org-01"), "funding", true, "2024-09-01"},
}

// loadLinks adds the demo's links between the records loaded before; one already there (same
// ends and type) is left as it is.
func (l *loader) loadLinks() (int, error) {
	added := 0
	for _, dl := range demoLinks {
		from, okFrom := l.ids[dl.from]
		to, okTo := l.ids[dl.to]
		if !okFrom || !okTo {
			return added, fmt.Errorf("link %s → %s: a demo record is missing", dl.from.ExternalID, dl.to.ExternalID)
		}
		ok, err := l.saveLink(dl, from, to)
		if err != nil {
			return added, err
		}
		added += count(ok)
	}
	return added, nil
}

func (l *loader) saveLink(dl demoLink, from, to string) (bool, error) {
	where := dbx.HashExp{s.FieldLinkFromCollection: dl.fromColl, s.FieldLinkFromID: from,
		s.FieldLinkToCollection: dl.toColl, s.FieldLinkToID: to, s.FieldLinkType: dl.kind}
	existing, err := l.app.FindAllRecords(s.Links, where)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("find link %s → %s: %w", from, to, err)
	}
	if len(existing) > 0 {
		return false, nil
	}
	col, err := l.app.FindCachedCollectionByNameOrId(s.Links)
	if err != nil {
		return false, err
	}
	r := core.NewRecord(col)
	r.Load(map[string]any{
		s.FieldLinkFromCollection: dl.fromColl, s.FieldLinkFromID: from, s.FieldLinkToCollection: dl.toColl, s.FieldLinkToID: to,
		s.FieldLinkType: dl.kind, s.FieldLinkDirected: dl.directed, s.FieldLinkStart: dl.start + " 00:00:00.000Z",
		s.FieldStatus: s.LinkConfirmed, s.FieldVisibility: s.VisibilityPublic,
	})
	if err := l.app.Save(r); err != nil {
		return false, fmt.Errorf("save link %s → %s: %w", from, to, err)
	}
	return true, nil
}
