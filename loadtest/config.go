package loadtest

import (
	"math/rand/v2"
	"time"
)

// Config describes a load run.
type Config struct {
	// BaseURL is the server's root, e.g. "http://127.0.0.1:8090".
	BaseURL string
	// Devices is how many devices run at once.
	Devices int
	// Syncing is how many of the devices sync (initial sync, pulls when poked, contributions);
	// the others only hold their realtime subscription and browse (REST and geo reads), as the
	// open PWAs of people who synced before. 0: every device syncs.
	Syncing int
	// SkipTotal makes the REST lists ask for no count of every readable record
	// (skipTotal=1, as the SDK's getFullList does): with a large collection the count is most
	// of a page's cost.
	SkipTotal bool
	// DevicesPerUser is how many devices share one account (default 4: a phone, a tablet…).
	DevicesPerUser int
	// Ramp spreads the devices' arrivals (snapshot and subscription) over this window.
	Ramp time.Duration
	// Duration is how long every device keeps acting once all have arrived.
	Duration time.Duration
	// Think is the mean pause between two actions of one device (exponential; default 20 s).
	Think time.Duration
	// PokeSpread is the window within which a poked device pulls, at a random moment, as the
	// PWA does (session.js POKE_SPREAD_MS; default 5 s).
	PokeSpread time.Duration
	// Mix weighs the device actions (default DefaultMix).
	Mix Mix
	// Photo is the JPEG a photo contribution uploads (default: a 1600×1200 phone photo).
	Photo []byte
	// Seed makes the devices' choices reproducible.
	Seed uint64
	// OnStart, if set, is called once the accounts exist, as the first device arrives.
	OnStart func()
	// OnActing, if set, is called once every device has arrived (the action phase begins).
	OnActing func()
}

// Mix weighs each kind of device action; a device draws one after each pause.
type Mix struct {
	List, View, GeoBox, GeoNear int // REST and geo browsing
	Edit, Create, CreatePhoto   int // sync pushes (the photo first through PUT /api/sync/media)
}

// DefaultMix is four reads for one write: lists and record views of the REST API, map boxes
// and nearby searches of the geo API, edits of the device's own contributions, new ones, and
// new ones with a photo.
var DefaultMix = Mix{List: 35, View: 25, GeoBox: 15, GeoNear: 5, Edit: 10, Create: 7, CreatePhoto: 3}

// Action kinds, as reported.
const (
	OpSnapshot  = "snapshot"  // the initial sync of every synced collection
	OpSubscribe = "subscribe" // GET /api/realtime, PB_CONNECT, POST the subscription
	OpRealtime  = "realtime"  // a realtime connection that dropped (errors only)
	OpPull      = "pull"      // a pull answering a poke
	OpList      = "rest-list"
	OpView      = "rest-view"
	OpGeoBox    = "geo-bbox"
	OpGeoNear   = "geo-near"
	OpPush      = "push"       // one mutation (edit or create)
	OpMedia     = "media"      // PUT /api/sync/media/{id} of a photo
	OpPushPhoto = "push-photo" // the create naming the uploaded photo
	OpFinal     = "final-sync" // the last sync before the check
)

// pick draws an action kind by weight.
func (m Mix) pick(r *rand.Rand) string {
	kinds := []struct {
		w  int
		op string
	}{{m.List, OpList}, {m.View, OpView}, {m.GeoBox, OpGeoBox}, {m.GeoNear, OpGeoNear},
		{m.Edit, "edit"}, {m.Create, OpPush}, {m.CreatePhoto, OpPushPhoto}}
	total := 0
	for _, k := range kinds {
		total += k.w
	}
	n := r.IntN(max(total, 1))
	for _, k := range kinds {
		if n < k.w {
			return k.op
		}
		n -= k.w
	}
	return OpList
}

// withDefaults fills the zero fields.
func (c Config) withDefaults() Config {
	if c.DevicesPerUser <= 0 {
		c.DevicesPerUser = 4
	}
	if c.Think <= 0 {
		c.Think = 20 * time.Second
	}
	if c.PokeSpread <= 0 {
		c.PokeSpread = 5 * time.Second
	}
	if c.Mix == (Mix{}) {
		c.Mix = DefaultMix
	}
	if c.Photo == nil {
		c.Photo = PhonePhoto()
	}
	return c
}
