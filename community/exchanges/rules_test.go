package exchanges_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// The rule matrix of exchanges: each person (anonymous, another resident, the requester or
// interested person, the offer's owner, a moderator) × each action on a booking or an offer's
// state, on a fresh record per cell; a cell passes when the action succeeds exactly for the
// people of its row, and a refused write left the record as it was.

// matrixCase is one action and who may do it.
type matrixCase struct {
	action  string
	allowed []string
	run     func(t *testing.T, w *world, u *synctest.User, c *cell) bool // true: the action succeeded
}

// cell is the record a cell acts on.
type cell struct {
	offer, booking *core.Record
	day            int
}

var viewers = []string{"anonymous", "other", "interested", "owner", "moderator"}

func (w *world) user(name string) *synctest.User {
	return map[string]*synctest.User{"anonymous": w.anonymous, "other": w.other, "interested": w.interested,
		"owner": w.owner, "moderator": w.moderator}[name]
}

// bookingCases are the actions on a booking the interested person asked for.
var bookingCases = []matrixCase{
	{"list", []string{"interested", "owner", "moderator"}, listsBooking},
	{"view", []string{"interested", "owner", "moderator"}, func(t *testing.T, w *world, u *synctest.User, c *cell) bool {
		status, _, _ := u.Call(http.MethodGet, recordPath(s.Bookings, c.booking.Id), nil)
		return status == 200
	}},
	{"create own", []string{"other", "interested", "moderator"}, func(t *testing.T, w *world, u *synctest.User, c *cell) bool {
		return createsBooking(t, w, u, c, u.ID(), "")
	}},
	{"create in another's name", nil, func(t *testing.T, w *world, u *synctest.User, c *cell) bool {
		someone := w.interested.ID()
		if u == w.interested {
			someone = w.other.ID()
		}
		return createsBooking(t, w, u, c, someone, "")
	}},
	{"create confirmed", nil, func(t *testing.T, w *world, u *synctest.User, c *cell) bool {
		return createsBooking(t, w, u, c, u.ID(), s.BookingConfirmed)
	}},
	{"confirm", []string{"owner", "moderator"}, setsBooking(map[string]any{"status": s.BookingConfirmed})},
	{"decline", []string{"owner", "moderator"}, setsBooking(map[string]any{"status": s.BookingDeclined})},
	{"cancel", []string{"interested", "moderator"}, setsBooking(map[string]any{"status": s.BookingCancelled})},
	{"write the note", []string{"interested", "moderator"}, setsBooking(map[string]any{"note": "Je passe vers 18 h"})},
	{"move the dates", nil, setsBooking(map[string]any{"end": "2031-01-01 00:00:00.000Z"})},
	{"delete", []string{"moderator"}, func(t *testing.T, w *world, u *synctest.User, c *cell) bool {
		status, _, _ := u.Call(http.MethodDelete, recordPath(s.Bookings, c.booking.Id), nil)
		_, err := w.srv.App.FindRecordById(s.Bookings, c.booking.Id)
		return status == 204 && err != nil
	}},
}

// offerCases are the state changes of an offer the interested person wrote to its owner about.
var offerCases = []matrixCase{
	{"reserve", []string{"owner", "moderator"}, setsOffer(map[string]any{"state": s.OfferReserved}, true)},
	{"mark done", []string{"owner", "moderator"}, setsOffer(map[string]any{"state": s.OfferDone}, false)},
	{"withdraw", []string{"owner", "moderator"}, setsOffer(map[string]any{"state": s.OfferWithdrawn}, false)},
}

func listsBooking(t *testing.T, w *world, u *synctest.User, c *cell) bool {
	status, data, _ := u.Call(http.MethodGet, recordPath(s.Bookings, "")+"?perPage=500", nil)
	var page struct{ Items []struct{ ID string } }
	_ = json.Unmarshal(data, &page)
	return status == 200 && slices.ContainsFunc(page.Items, func(i struct{ ID string }) bool { return i.ID == c.booking.Id })
}

// createsBooking asks for the cell's day as u, in author's name, with status, and reports
// whether a booking was written.
func createsBooking(t *testing.T, w *world, u *synctest.User, c *cell, author, status string) bool {
	day := fmt.Sprintf("2031-02-%02d", c.day%28+1)
	body := map[string]any{"offer": c.offer.Id, "author": author, "start": day + " 00:00:00Z", "end": day + " 12:00:00Z"}
	if status != "" {
		body["status"] = status
	}
	before, _ := w.srv.App.CountRecords(s.Bookings)
	code, _, _ := u.Call(http.MethodPost, recordPath(s.Bookings, ""), body)
	after, _ := w.srv.App.CountRecords(s.Bookings)
	if (code == 200) != (after == before+1) {
		t.Errorf("create as %s: status %d but %d bookings written", u, code, after-before)
	}
	return code == 200
}

// setsBooking patches the cell's booking with body and reports whether the values were written
// (and, when refused, checks that nothing changed).
func setsBooking(body map[string]any) func(*testing.T, *world, *synctest.User, *cell) bool {
	return func(t *testing.T, w *world, u *synctest.User, c *cell) bool {
		return setsFields(t, w, u, c.booking, body)
	}
}

// setsOffer patches the cell's offer's state, for the interested person when reserving.
func setsOffer(body map[string]any, forInterested bool) func(*testing.T, *world, *synctest.User, *cell) bool {
	return func(t *testing.T, w *world, u *synctest.User, c *cell) bool {
		if forInterested {
			body["reservedFor"] = w.interested.ID()
		}
		return setsFields(t, w, u, c.offer, body)
	}
}

func setsFields(t *testing.T, w *world, u *synctest.User, rec *core.Record, body map[string]any) bool {
	status, _ := patch(t, u, rec, body)
	fresh := w.reload(t, rec)
	for k := range body {
		if status != 200 && fresh.GetString(k) != rec.GetString(k) {
			t.Errorf("%s refused (%d) but %s changed to %q", u, status, k, fresh.GetString(k))
		}
	}
	return status == 200
}

// runMatrix runs every case for every viewer and returns the cells whose outcome differs from
// the expected one ("action × viewer"); loosen, when set, weakens the bookings' rules first.
func runMatrix(t *testing.T, loosen func(c *core.Collection)) []string {
	w := newWorld(t)
	if loosen != nil {
		c, err := w.srv.App.FindCollectionByNameOrId(s.Bookings)
		if err != nil {
			t.Fatal(err)
		}
		loosen(c)
		if err := w.srv.App.Save(c); err != nil {
			t.Fatalf("save loosened rules: %v", err)
		}
	}
	var wrong []string
	day := 0
	for _, cases := range [][]matrixCase{bookingCases, offerCases} {
		for _, mc := range cases {
			for _, v := range viewers {
				day++
				c := &cell{offer: w.offer(t, s.ModeLoan), day: day}
				w.conversation(t, c.offer, w.interested)
				c.booking = w.booking(t, c.offer, w.interested, "2031-03-01", "2031-03-03")
				if got := mc.run(t, w, w.user(v), c); got != slices.Contains(mc.allowed, v) {
					wrong = append(wrong, mc.action+" × "+v)
				}
			}
		}
	}
	return wrong
}

// TestRuleMatrix: every cell as expected.
func TestRuleMatrix(t *testing.T) {
	if wrong := runMatrix(t, nil); len(wrong) > 0 {
		t.Errorf("cells differing from the expected outcome: %v", wrong)
	}
}

// TestRuleMatrixNegativeControls loosens one rule of bookings at a time and checks that the
// matrix reports exactly the cells the loosening opens.
func TestRuleMatrixNegativeControls(t *testing.T) {
	controls := []struct {
		name     string
		rule     func(c *core.Collection) *string
		from, to string
		want     []string
	}{
		{"any signed-in user reads bookings", func(c *core.Collection) *string { return c.ListRule },
			`(author = @request.auth.id ||`, `(@request.auth.id != "" ||`, []string{"list × other"}},
		{"the requester confirms", func(c *core.Collection) *string { return c.UpdateRule },
			`@request.body.status = "cancelled"`, `(@request.body.status = "cancelled" || @request.body.status = "confirmed")`,
			[]string{"confirm × interested"}},
		{"owners book their own offer", func(c *core.Collection) *string { return c.CreateRule },
			` && offer.author != @request.auth.id`, ``, []string{"create own × owner"}},
	}
	for _, ctl := range controls {
		t.Run(ctl.name, func(t *testing.T) {
			got := runMatrix(t, func(c *core.Collection) {
				r := ctl.rule(c)
				if !strings.Contains(*r, ctl.from) {
					t.Fatalf("rule has no %q: the control is out of date", ctl.from)
				}
				*r = strings.Replace(*r, ctl.from, ctl.to, 1)
			})
			if !slices.Equal(got, ctl.want) {
				t.Errorf("differing cells: got %v, want %v", got, ctl.want)
			}
		})
	}
}
