package leaktest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/png"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tools/filesystem"

	s "github.com/maillage/maillage/schema"
)

// around writes what hangs on content: comments on every generated initiative and a pending
// one, links of each visibility and status, a suggestion, a report and a trusted member's vote.
func (w *world) around(t testing.TB) {
	t.Helper()
	public := w.pickWhere(s.Initiatives, fields{s.FieldVisibility: s.VisibilityPublic, s.FieldStatus: s.StatusPublished, s.FieldDeleted: false})
	for i := range 17 { // the author's own initiatives of the grid
		w.save(t, s.Comments, fields{"collection": s.Initiatives, "recordId": w.pick(s.Initiatives, i), "author": w.id("author"), "status": s.StatusPublished})
	}
	w.save(t, s.Comments, fields{"collection": s.Initiatives, "recordId": public, "author": w.id("member"), "status": s.StatusPending})
	org := w.pickWhere(s.Organisations, fields{s.FieldVisibility: s.VisibilityPublic, s.FieldStatus: s.StatusPublished, s.FieldDeleted: false})
	for i, vis := range []string{s.VisibilityPublic, s.VisibilityCommunity, s.VisibilityPrivate} {
		for j, st := range []string{s.LinkProposed, s.LinkConfirmed} {
			w.save(t, s.Links, fields{"fromCollection": s.Initiatives, "fromId": public, "toCollection": s.Organisations, "toId": org,
				"type": s.LinkTypes[2*i+j], "visibility": vis, "status": st, "author": w.id("author")})
		}
	}
	w.save(t, s.Suggestions, fields{"collection": s.Initiatives, "recordId": public, "author": w.id("member"), "fields": map[string]any{"name": "$K"}})
	w.save(t, s.Reports, fields{"collection": s.Initiatives, "recordId": public, "author": w.id("member")})
	pending := w.pickWhere(s.Initiatives, fields{s.FieldVisibility: s.VisibilityPublic, s.FieldStatus: s.StatusPending})
	w.save(t, s.ModerationVotes, fields{"collection": s.Initiatives, "recordId": pending, "voter": w.id("trusted"), "vote": "validate"})
}

// private writes two conversations (author with member about an offer; moderator with
// outsider), their messages (one hidden by reports), a block, a read marker and a booking.
func (w *world) private(t testing.TB) {
	t.Helper()
	offer := w.pickWhere(s.Offers, fields{s.FieldVisibility: s.VisibilityPublic, s.FieldStatus: s.StatusPublished, s.FieldDeleted: false})
	c1 := w.save(t, s.Conversations, fields{"participants": []string{w.id("author"), w.id("member")}, "author": w.id("author"), "offer": offer}).Id
	c2 := w.save(t, s.Conversations, fields{"participants": []string{w.id("moderator"), w.id("outsider")}, "author": w.id("outsider")}).Id
	w.save(t, s.Messages, fields{"conversation": c1, "author": w.id("author")})
	w.save(t, s.Messages, fields{"conversation": c1, "author": w.id("member")})
	w.save(t, s.Messages, fields{"conversation": c1, "author": w.id("member"), "hiddenByReports": true})
	w.save(t, s.Messages, fields{"conversation": c2, "author": w.id("outsider")})
	w.save(t, s.Blocks, fields{"author": w.id("author"), "blocked": w.id("blocked")})
	w.save(t, s.ConversationReads, fields{"conversation": c1, "user": w.id("member"), "lastRead": time.Now().UTC().Format(time.DateTime)})
	start := time.Now().Add(72 * time.Hour).UTC()
	w.save(t, s.Bookings, fields{"offer": offer, "author": w.id("member"), "status": "requested",
		"start": start.Format(time.DateTime), "end": start.Add(time.Hour).Format(time.DateTime)})
}

// governance writes a proposal of every phase, without and with community A, an amendment of
// each, and a ballot's rows on the open vote.
func (w *world) governance(t testing.TB) {
	t.Helper()
	for _, comm := range []string{"", w.commA} {
		for _, phase := range s.ProposalPhases {
			p := w.save(t, s.Proposals, fields{"author": w.id("author"), "community": comm, "phase": phase, "method": s.MethodApproval,
				"options":         []map[string]any{{"id": "a", "label": "$K"}, {"id": "b", "label": "b"}},
				"consultationEnd": time.Now().Add(24 * time.Hour).UTC().Format(time.DateTime),
				"voteEnd":         time.Now().Add(48 * time.Hour).UTC().Format(time.DateTime)})
			w.save(t, s.Amendments, fields{"proposal": p.Id, "author": w.id("member"), "status": "proposed"})
		}
	}
	vote := w.pickWhere(s.Proposals, fields{"phase": s.PhaseVote, "community": ""})
	w.save(t, s.Votes, fields{"proposal": vote, "voter": w.id("member"), "choices": []string{"a"}})
	w.save(t, s.VoteRoll, fields{"proposal": vote, "voter": w.id("member")})
	w.save(t, s.ProposalFollowers, fields{"proposal": vote, "user": w.id("member"), "follow": true})
}

// personal writes what belongs to one person: a sync conflict and a photo, the member's.
func (w *world) personal(t testing.TB) {
	t.Helper()
	w.save(t, s.SyncConflicts, fields{"author": w.id("member"), "kind": "field", "status": "open", "collection": s.Initiatives, "recordId": "$K"})
	var img bytes.Buffer
	if err := pngEncode(&img); err != nil {
		t.Fatal(err)
	}
	file, err := filesystem.NewFileFromBytes(img.Bytes(), "photo.png")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(img.Bytes())
	w.save(t, s.Media, fields{"author": w.id("member"), "file": file, "sha256": hex.EncodeToString(sum[:]), "parentCollection": "$K", "parentId": "$K"})
	// pushSubscriptions and notificationPreferences: every signed-in viewer's, written
	// before the world (subscribePush), so that its notifications reach them.
}

// pngEncode writes a 2×2 PNG.
func pngEncode(out *bytes.Buffer) error {
	return png.Encode(out, image.NewGray(image.Rect(0, 0, 2, 2)))
}

// operations writes the import and moderation machinery's rows (moderators' or no one's).
func (w *world) operations(t testing.TB) {
	t.Helper()
	src := w.save(t, s.Sources, fields{"format": "geojson", "collection": s.Initiatives, "schedule": "", "mapping": map[string]any{"fields": map[string]any{"name": "$K"}}}).Id
	w.save(t, s.ImportRuns, fields{"source": src, "started": time.Now().UTC().Format(time.DateTime), "status": "ok"})
	w.save(t, s.Duplicates, fields{"status": "open"})
	w.save(t, s.ImportStates, fields{})
	w.save(t, s.AuditLog, fields{"actorKind": "moderator", "actor": w.id("moderator")})
}

// federation writes one row of each federation table.
func (w *world) federation(t testing.TB) {
	t.Helper()
	w.save(t, s.FederationFollowers, fields{})
	w.save(t, s.FederationFollowing, fields{"target": "https://leak.invalid/$K"})
	w.save(t, s.FederationDeliveries, fields{"due": time.Now().Add(time.Hour).UTC().Format(time.DateTime)})
	w.save(t, s.FederationBlocks, fields{"domain": "leak.example.org"})
}
