package ical

import (
	"strings"
	"time"
)

const (
	dateLayout  = "20060102"
	localLayout = "20060102T150405"
	utcLayout   = "20060102T150405Z"
)

// moment is a DATE or DATE-TIME value read: its instant, whether it was a date, and the IANA
// zone its local time was in ("" for UTC, or a VTIMEZONE-only zone with no IANA equivalent).
type moment struct {
	at     time.Time
	allDay bool
	zone   zone
}

// problemError is why a value or an event could not be read: an i18n code and its params.
type problemError struct {
	code   string
	params []any
}

func (e *problemError) Error() string { return e.code }

func refuse(code string, params ...any) *problemError {
	return &problemError{code: code, params: params}
}

// moments reads every value of a DATE / DATE-TIME / PERIOD property (RDATE and EXDATE may
// list several, a PERIOD counts by its start).
func (d *decoder) moments(p prop) ([]moment, error) {
	var out []moment
	for _, v := range strings.Split(p.value, ",") {
		v = strings.SplitN(v, "/", 2)[0]
		m, err := d.moment(p, v)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// moment reads one value v of property p: a date (all day, in the default zone), a UTC time,
// a time in p's TZID, or a floating time (read in the default zone).
func (d *decoder) moment(p prop, v string) (moment, error) {
	v = strings.ToUpper(strings.TrimSpace(v))
	if strings.EqualFold(p.param("VALUE"), "DATE") || !strings.Contains(v, "T") {
		t, err := time.Parse(dateLayout, strings.TrimSuffix(v, "Z")) // Google writes 20131210Z
		if err != nil {
			return moment{}, refuse(codeBadDate, "value", v)
		}
		z := defaultZone()
		return moment{at: z.toUTC(t), allDay: true, zone: z}, nil
	}
	if strings.HasSuffix(v, "Z") {
		t, err := time.Parse(utcLayout, v)
		if err != nil {
			return moment{}, refuse(codeBadDate, "value", v)
		}
		return moment{at: t}, nil
	}
	t, ok := naiveValue(v)
	if !ok {
		return moment{}, refuse(codeBadDate, "value", v)
	}
	z := defaultZone()
	if tzid := p.param("TZID"); tzid != "" {
		var found bool
		if z, found = d.zones.resolve(tzid); !found {
			return moment{}, refuse(CodeUnknownZone, "zone", tzid)
		}
	}
	return moment{at: z.toUTC(t), zone: z}, nil
}

// naive reads a property's local DATE-TIME (or DATE) as a naive time in UTC.
func naive(p *prop) (time.Time, bool) {
	if p == nil {
		return time.Time{}, false
	}
	return naiveValue(strings.ToUpper(strings.TrimSpace(p.value)))
}

// naiveValue reads a local DATE-TIME (seconds may be missing) or DATE as a naive time in UTC.
func naiveValue(v string) (time.Time, bool) {
	for _, layout := range []string{localLayout, "20060102T1504", dateLayout} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// local is the moment's wall time: in its zone (with a VTIMEZONE-only zone's own offset), as a
// time of that zone or, for a custom zone, as a naive time in UTC.
func (m moment) local() time.Time {
	switch {
	case m.zone.custom != nil:
		return m.at.Add(time.Duration(m.zone.custom.offsetAt(m.at.Unix())) * time.Second)
	case m.zone.loc != nil:
		return m.at.In(m.zone.loc)
	}
	return m.at
}
