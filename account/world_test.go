package account_test

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/internal/server"
	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// world is a served app where alice has left a trace in every collection that can name a
// person, beside bob (who shares conversations with her and reserved his offer for her) and
// carol (who talks with bob alone, blocked alice and is a member of alice's community).
type world struct {
	srv               *synctest.Srv
	alice, bob, carol *synctest.User
	// secrets are texts only alice's data holds, by what they are; public are the texts of her
	// public contributions (kept, without her name, when she anonymises them).
	secrets, public map[string]string
	// recs are the records seeded, by name.
	recs map[string]*core.Record
}

// Alice's details, each a string found nowhere else in the database.
const (
	aliceEmail    = "alice.zephyrine@example.org"
	aliceName     = "Alice Zéphyrine Quillebeuf"
	aliceBio      = "Apicultrice du square Quillebeuf"
	aliceMessage  = "Le code de la porte est 4471B, Zéphyrine"
	aliceOffline  = "Message hors ligne de Zéphyrine"
	aliceNote     = "Note de réservation de Zéphyrine"
	alicePrivate  = "Carnet privé de Zéphyrine"
	aliceEndpoint = "https://fcm.googleapis.com/fcm/send/zephyrine-endpoint-8c1f"
	aliceGeoLon   = 2.357913
	aliceOffer    = "Ruche de Zéphyrine à prêter"
	aliceComment  = "Commentaire public de Zéphyrine"
	aliceThread   = "Fil de discussion de Zéphyrine"
	bobMessage    = "Bob répond : à jeudi"
	carolMessage  = "Carol à Bob seulement : secret de Carol"
)

func newWorld(t *testing.T) *world {
	t.Helper()
	srv := synctest.Start(t, server.Config{})
	w := &world{srv: srv, recs: map[string]*core.Record{},
		alice: srv.NewUser(t, aliceEmail, s.RoleFacilitator),
		bob:   srv.NewUser(t, "bob.voisin@example.org", s.RoleFacilitator),
		carol: srv.NewUser(t, "carol.voisine@example.org", s.RoleResident)}
	w.profile(t)
	w.conversations(t)
	w.contributions(t)
	w.settings(t)
	w.secrets = map[string]string{"e-mail": aliceEmail, "name": aliceName, "bio": aliceBio, "message": aliceMessage,
		"offline message": aliceOffline, "booking note": aliceNote, "private record": alicePrivate, "push endpoint": aliceEndpoint,
		"exact location": "2.357913", "device id": w.alice.ClientID}
	w.public = map[string]string{"offer": aliceOffer, "comment": aliceComment, "thread": aliceThread}
	return w
}

// profile gives alice a name, a bio, an avatar and an exact location she consented to.
func (w *world) profile(t *testing.T) {
	t.Helper()
	a := w.alice.Record
	a.Set("name", aliceName)
	a.Set("bio", aliceBio)
	a.Set("avatar", photo(t, "zephyrine-portrait.png", 1))
	a.Set(s.FieldGeoConsent, true)
	a.Set(s.FieldGeo, types.GeoPoint{Lon: aliceGeoLon, Lat: 48.935})
	if err := w.srv.App.Save(a); err != nil {
		t.Fatalf("save alice: %v", err)
	}
	w.bob.Record.Set("name", "Bob Voisin")
	if err := w.srv.App.Save(w.bob.Record); err != nil {
		t.Fatalf("save bob: %v", err)
	}
}

// conversations: alice and bob talk (both write); a conversation alice alone is left in; bob
// and carol talk without alice; alice blocks carol and carol blocks alice.
func (w *world) conversations(t *testing.T) {
	t.Helper()
	pair := []string{w.alice.ID(), w.bob.ID()}
	shared := w.save(t, "shared", s.Conversations, map[string]any{"participants": pair, "author": w.alice.ID(), "subject": "Ruche"})
	w.save(t, "aliceMessage", s.Messages, map[string]any{"conversation": shared.Id, "author": w.alice.ID(), "text": aliceMessage})
	w.offline(t, shared.Id)
	w.save(t, "bobMessage", s.Messages, map[string]any{"conversation": shared.Id, "author": w.bob.ID(), "text": bobMessage})
	w.save(t, "read", s.ConversationReads, map[string]any{"conversation": shared.Id, "user": w.alice.ID()})
	lonely := w.save(t, "lonely", s.Conversations, map[string]any{"participants": pair, "author": w.bob.ID()})
	lonely.Set("participants", []string{w.alice.ID()})
	if err := w.srv.App.Save(lonely); err != nil {
		t.Fatalf("bob leaves: %v", err)
	}
	other := w.save(t, "other", s.Conversations, map[string]any{"participants": []string{w.bob.ID(), w.carol.ID()}, "author": w.carol.ID()})
	w.save(t, "carolMessage", s.Messages, map[string]any{"conversation": other.Id, "author": w.carol.ID(), "text": carolMessage})
	w.save(t, "aliceBlock", s.Blocks, map[string]any{"author": w.alice.ID(), "blocked": w.carol.ID()})
	w.save(t, "carolBlock", s.Blocks, map[string]any{"author": w.carol.ID(), "blocked": w.alice.ID()})
}

// offline sends, from alice's phone through the sync push, a message written offline: the
// sync keeps its result (with the text) for her device.
func (w *world) offline(t *testing.T, conversation string) {
	t.Helper()
	fields := map[string]json.RawMessage{}
	for k, v := range map[string]string{"conversation": conversation, "author": w.alice.ID(), "text": aliceOffline} {
		fields[k], _ = json.Marshal(v)
	}
	id := synctest.NewID()
	res := w.alice.Push(t, ms.PushRequest{Mutations: []ms.Mutation{{Mseq: 1, C: s.Messages, ID: id, Op: ms.OpCreate, Fields: fields}}})
	if len(res.Results) != 1 || res.Results[0].Status != ms.StatusApplied {
		t.Fatalf("offline message: %+v", res)
	}
	rec, err := w.srv.App.FindRecordById(s.Messages, id)
	if err != nil {
		t.Fatal(err)
	}
	w.recs["aliceOffline"] = rec
}

// contributions: alice's public offer with a photo, her private initiative, her comment on
// bob's offer, her forum thread, bob's offer reserved for her, and her community carol joined.
func (w *world) contributions(t *testing.T) {
	t.Helper()
	public := map[string]any{s.FieldAuthor: w.alice.ID(), s.FieldVisibility: s.VisibilityPublic}
	w.save(t, "aliceOffer", s.Offers, with(public, map[string]any{"title": aliceOffer, "kind": "offer", "mode": "loan",
		"photos": []*filesystem.File{photo(t, "zephyrine-ruche.png", 2)}}))
	w.save(t, "alicePrivate", s.Initiatives, map[string]any{"name": alicePrivate, s.FieldAuthor: w.alice.ID(),
		s.FieldVisibility: s.VisibilityPrivate})
	w.save(t, "aliceThread", s.Threads, with(public, map[string]any{"title": aliceThread, "text": aliceThread}))
	bobOffer := w.save(t, "bobOffer", s.Offers, map[string]any{"title": "Échelle de Bob", "kind": "offer", "mode": "loan",
		s.FieldAuthor: w.bob.ID(), s.FieldVisibility: s.VisibilityPublic})
	w.save(t, "about", s.Conversations, map[string]any{"participants": []string{w.alice.ID(), w.bob.ID()},
		"author": w.alice.ID(), "offer": bobOffer.Id})
	bobOffer.Set("state", "reserved")
	bobOffer.Set(s.FieldReservedFor, w.alice.ID())
	if err := w.srv.App.Save(bobOffer); err != nil {
		t.Fatalf("reserve bob's offer for alice: %v", err)
	}
	w.save(t, "aliceComment", s.Comments, map[string]any{"collection": s.Offers, "recordId": bobOffer.Id,
		s.FieldAuthor: w.alice.ID(), "text": aliceComment})
	w.save(t, "booking", s.Bookings, map[string]any{"offer": bobOffer.Id, s.FieldAuthor: w.alice.ID(),
		"start": "2031-05-01 00:00:00.000Z", "end": "2031-05-02 00:00:00.000Z", "note": aliceNote})
	community := w.save(t, "community", s.Communities, map[string]any{"name": "Quartier", "owner": w.alice.ID()})
	w.save(t, "carolMember", s.Memberships, map[string]any{"community": community.Id, "user": w.carol.ID(), "role": "member"})
}

// settings: alice's push subscription and notification preferences.
func (w *world) settings(t *testing.T) {
	t.Helper()
	w.save(t, "subscription", s.PushSubscriptions, map[string]any{"user": w.alice.ID(), "endpoint": aliceEndpoint,
		"keys": map[string]string{"p256dh": "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM", "auth": "tBHItJI5svbpez7KI4CCXg"}})
	w.save(t, "preferences", s.NotificationPreferences, map[string]any{"user": w.alice.ID(), "messages": true})
}

// save saves a record through the app (every model hook runs) and keeps it under name.
func (w *world) save(t *testing.T, name, collection string, fields map[string]any) *core.Record {
	t.Helper()
	c, err := w.srv.App.FindCollectionByNameOrId(collection)
	if err != nil {
		t.Fatalf("collection %s: %v", collection, err)
	}
	r := core.NewRecord(c)
	r.Load(fields)
	if err := w.srv.App.Save(r); err != nil {
		t.Fatalf("save %s (%s): %v", name, collection, err)
	}
	w.recs[name] = r
	return r
}

// with is a copy of base with more fields.
func with(base, more map[string]any) map[string]any {
	out := map[string]any{}
	for _, m := range []map[string]any{base, more} {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// photo is a small PNG, its colour drawn from shade, as a form upload named name.
func photo(t *testing.T, name string, shade uint8) *filesystem.File {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for x := 0; x < 64; x++ {
		for y := 0; y < 48; y++ {
			img.Set(x, y, color.RGBA{R: uint8(x * 4), G: shade * 90, B: uint8(y * 5), A: 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	f, err := filesystem.NewFileFromBytes(buf.Bytes(), name)
	if err != nil {
		t.Fatal(err)
	}
	return f
}
