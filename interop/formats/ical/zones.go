package ical

import (
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // events' zones must resolve on servers without a zoneinfo database

	wtz "github.com/yaegashi/wtz.go"

	"github.com/maillage/maillage/interop/formats/fields"
)

// zone is what a TZID resolves to: an IANA zone (loc and its name), or a zone defined only by
// its VTIMEZONE (custom), whose times are converted with its own rules.
type zone struct {
	loc    *time.Location
	name   string
	custom *customZone
}

// toUTC converts a local wall time, given as a naive time in UTC, to an instant.
func (z zone) toUTC(local time.Time) time.Time {
	if z.custom != nil {
		return z.custom.toUTC(local)
	}
	if z.loc == nil {
		return local
	}
	offsetAt := func(u int64) int {
		_, off := time.Unix(u, 0).In(z.loc).Zone()
		return off
	}
	n := local.Unix()
	day := int64(24 * 3600)
	return fromLocal(local, []int{offsetAt(n - day), offsetAt(n + day)}, offsetAt)
}

// zones resolves the TZIDs of one calendar, with the VTIMEZONEs it defines.
type zones struct {
	defined map[string]*component
	cache   map[string]*zone
}

// newZones indexes the VTIMEZONE components among cs (a calendar's components).
func newZones(cs []*component) *zones {
	zs := &zones{defined: map[string]*component{}, cache: map[string]*zone{}}
	for _, c := range cs {
		if id := c.get("TZID"); c.name == "VTIMEZONE" && id != nil {
			zs.defined[strings.TrimSpace(id.value)] = c
		}
	}
	return zs
}

// defaultZone is fields.DefaultZone's zone: floating times and dates are read in it.
func defaultZone() zone {
	return zone{loc: fields.Location(fields.DefaultZone), name: fields.ZoneName(fields.DefaultZone)}
}

// resolve finds the zone a TZID names: an IANA name (also behind a "/vendor.org/…/" prefix), a
// Windows name (CLDR's table), the X-LIC-LOCATION of its VTIMEZONE, or else the VTIMEZONE's own
// rules. It reports false for a TZID that is none of these.
func (zs *zones) resolve(tzid string) (zone, bool) {
	tzid = strings.Trim(strings.TrimSpace(tzid), `"`)
	if z, ok := zs.cache[tzid]; ok {
		return *z, z.loc != nil || z.custom != nil
	}
	z := zs.lookup(tzid)
	zs.cache[tzid] = &z
	return z, z.loc != nil || z.custom != nil
}

func (zs *zones) lookup(tzid string) zone {
	if name := ianaName(tzid); name != "" {
		return ianaZone(name)
	}
	vtz := zs.defined[tzid]
	if vtz == nil {
		return zone{}
	}
	if loc := vtz.get("X-LIC-LOCATION"); loc != nil {
		if name := ianaName(strings.TrimSpace(loc.value)); name != "" {
			return ianaZone(name)
		}
	}
	if custom, ok := newCustomZone(vtz); ok {
		return zone{custom: custom}
	}
	return zone{}
}

func ianaZone(name string) zone {
	loc, _ := time.LoadLocation(name)
	return zone{loc: loc, name: name}
}

// ianaName returns the IANA name a TZID stands for, "" when it stands for none.
func ianaName(tzid string) string {
	if name, ok := wtz.WindowsToUnixMap[tzid]; ok {
		return name
	}
	parts := strings.Split(tzid, "/")
	for i := range parts {
		if name := strings.Join(parts[i:], "/"); loadable(name) {
			return name
		}
	}
	return ""
}

// loadable reports whether name is an IANA zone the time package knows ("Local" and "" are
// not names a file can mean).
func loadable(name string) bool {
	if name == "" || name == "Local" || strings.ContainsAny(name, " \t") {
		return false
	}
	_, err := time.LoadLocation(name)
	return err == nil
}

// equivalent returns the IANA zone that has the same offsets as a custom zone around instant t
// (the year before and the two after: every transition and mid-month), so that a recurring
// event defined in a VTIMEZONE-only zone expands across summer time; "" when none matches.
// Candidates: the default zone, then one zone per Windows zone (CLDR), then Etc/GMT±N.
func equivalent(c *customZone, t time.Time) string {
	from, to := t.AddDate(-1, 0, 0), t.AddDate(2, 0, 0)
	samples := sampleInstants(c, from, to)
	for _, name := range candidates() {
		loc, err := time.LoadLocation(name)
		if err == nil && sameOffsets(c, loc, samples) {
			return name
		}
	}
	return ""
}

func sampleInstants(c *customZone, from, to time.Time) []int64 {
	var out []int64
	for m := from; m.Before(to); m = m.AddDate(0, 1, 0) {
		out = append(out, m.Unix())
	}
	for _, tr := range c.trans {
		if tr.at >= from.Unix() && tr.at < to.Unix() {
			out = append(out, tr.at-1, tr.at)
		}
	}
	return out
}

func sameOffsets(c *customZone, loc *time.Location, samples []int64) bool {
	for _, u := range samples {
		if _, off := time.Unix(u, 0).In(loc).Zone(); off != c.offsetAt(u) {
			return false
		}
	}
	return true
}

// candidates lists the IANA zones a custom zone may be equivalent to, computed once.
var candidates = sync.OnceValue(func() []string {
	seen := map[string]bool{}
	var names []string
	for _, n := range wtz.WindowsToUnixMap {
		if !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	sort.Strings(names)
	names = append([]string{fields.ZoneName(fields.DefaultZone)}, names...)
	for h := -14; h <= 12; h++ {
		names = append(names, etcName(h))
	}
	return names
})

// etcName is the Etc zone of a fixed offset of -h hours (POSIX signs are inverted).
func etcName(h int) string {
	switch {
	case h == 0:
		return "Etc/GMT"
	case h > 0:
		return "Etc/GMT+" + strconv.Itoa(h)
	default:
		return "Etc/GMT-" + strconv.Itoa(-h)
	}
}
