package export

import (
	"bufio"
	"errors"
	"iter"
	"net/url"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/formats/ical"
	s "github.com/maillage/maillage/schema"
)

// ICSContentType is the media type of iCalendar feeds.
const ICSContentType = "text/calendar; charset=utf-8"

// icsRefresh is how often the feed asks calendar apps to fetch it again; the ETag makes an
// unchanged feed cost a 304.
const icsRefresh = time.Hour

// errStop ends a scan early when the feed's reader stops.
var errStop = errors.New("stop")

// serveICS streams the public events (filtered by category, commune and organisation) as an
// iCalendar feed that calendar apps subscribe to: a VTIMEZONE per zone, recurring events as
// their RRULE (never expanded), the licence in the calendar's description and in each event.
func serveICS(e *core.RequestEvent, cfg Config, c *core.Collection, f filter) error {
	if c.Name != s.Events {
		return notFound(e, "format", "export_ics_events_only", nil)
	}
	return stream(e, cfg, ICSContentType, c.Name, FormatICS, func(w *bufio.Writer, r *refs) error {
		return ical.WriteFeed(w, ical.Feed{
			Name: "Maillage", Description: i18n.T(i18n.Lang(e), "export_ics_description", map[string]any{"site": r.base}),
			URL:     r.base + e.Request.URL.RequestURI(),
			Licence: cfg.Licence + " " + cfg.LicenceURL, Attribution: cfg.Attribution, Refresh: icsRefresh,
			Events: icsEvents(e.App, c, f, r),
		})
	})
}

// icsEvents yields the public events f keeps as feed events.
func icsEvents(app core.App, c *core.Collection, f filter, r *refs) iter.Seq2[ical.Event, error] {
	host := "maillage"
	if u, err := url.Parse(r.base); err == nil && u.Host != "" {
		host = u.Host
	}
	return func(yield func(ical.Event, error) bool) {
		err := scan(app, c, f, func(rec *core.Record) error {
			if !yield(icsEvent(rec, r, host), nil) {
				return errStop
			}
			return nil
		})
		if err != nil && !errors.Is(err, errStop) {
			yield(ical.Event{}, err)
		}
	}
}

// icsEvent is one public event as a feed event: its UID is its id at the application's host.
func icsEvent(rec *core.Record, r *refs, host string) ical.Event {
	ev := ical.Event{
		UID: rec.Id + "@" + host, Summary: rec.GetString(s.ContentFields.Title),
		Description: rec.GetString(s.ContentFields.Description),
		Start:       rec.GetDateTime(s.EventFields.Start).Time(), End: rec.GetDateTime(s.EventFields.End).Time(),
		AllDay: rec.GetBool(s.EventFields.AllDay), TimeZone: rec.GetString(s.EventFields.Timezone),
		RRule:  rec.GetString(s.EventFields.RRule),
		RDates: times(instantList(rec, s.FieldRDates)), ExDates: times(instantList(rec, s.FieldExDates)),
		Location:     firstOf(rec.GetString(s.EventFields.Place), r.communes[rec.GetString(s.FieldCommune)].name),
		URL:          r.base + "/#/i/" + s.Events + "/" + rec.Id,
		Categories:   r.categoryNames(rec),
		LastModified: rec.GetDateTime(s.FieldUpdated).Time(),
	}
	if lon, lat, ok := location(rec); ok {
		ev.Geo = &interop.Point{Lon: lon, Lat: lat}
	}
	return ev
}

// times parses RFC 3339 instants (instantList's).
func times(list []string) []time.Time {
	out := make([]time.Time, 0, len(list))
	for _, v := range list {
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			out = append(out, t)
		}
	}
	return out
}
