package exchanges

import (
	"net/http"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	s "github.com/maillage/maillage/schema"
)

// PathBusy is the route of an offer's confirmed dates: GET /api/maillage/offers/{id}/busy
// answers {"busy":[{"start","end"}]} (from now on, by start) to whoever may read the offer,
// without saying who booked them, so that a calendar shows the dates already taken.
const PathBusy = "/api/maillage/offers/{id}/busy"

// Busy is a confirmed booking's dates, [Start, End).
type Busy struct {
	Start types.DateTime `db:"start" json:"start"`
	End   types.DateTime `db:"end" json:"end"`
}

// bindBusy serves PathBusy.
func bindBusy(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.GET(PathBusy, serveBusy)
		return se.Next()
	})
}

func serveBusy(e *core.RequestEvent) error {
	offer, err := e.App.FindRecordById(s.Offers, e.Request.PathValue("id"))
	if err != nil {
		return e.NotFoundError("", nil)
	}
	info, err := e.RequestInfo()
	if err != nil {
		return e.BadRequestError("", err)
	}
	if ok, _ := e.App.CanAccessRecord(offer, info, offer.Collection().ViewRule); !ok {
		return e.NotFoundError("", nil)
	}
	busy, err := confirmedDates(e.App, offer.Id, time.Now())
	if err != nil {
		return e.InternalServerError("", err)
	}
	return e.JSON(http.StatusOK, map[string]any{"busy": busy})
}

// confirmedDates lists the confirmed bookings of offer that end after now, by start.
func confirmedDates(app core.App, offer string, now time.Time) ([]Busy, error) {
	f := s.BookingFields
	at, err := types.ParseDateTime(now.UTC())
	if err != nil {
		return nil, err
	}
	busy := []Busy{}
	err = app.DB().Select(f.Start, f.End).From(s.Bookings).
		Where(dbx.HashExp{f.Offer: offer, f.Status: s.BookingConfirmed}).
		AndWhere(dbx.NewExp("[["+f.End+"]] > {:now}", dbx.Params{"now": at.String()})).
		OrderBy(f.Start).All(&busy)
	return busy, err
}
