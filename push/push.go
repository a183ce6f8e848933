// Package push sends Web Push notifications (RFC 8030, 8291, 8292) with webpush-go: a new
// message, a reply to one's comment or thread, a moderator's decision on one's contribution,
// and an event or offer published near a point a person chose. It owns the server's VAPID keys
// (generated at first start, kept in _params), the pushSubscriptions rules the API rules
// cannot express (the owner is the requester; endpoints only on known push services), the
// people's preferences, and a delivery queue that runs after the writes commit.
//
//	push.Register(app, push.Config{Hosts: []string{"push.example.org:443"}})
//	push.NotifierOf(app).Wait() // tests: until every queued notification was handled
package push

import (
	"github.com/pocketbase/pocketbase/core"
)

// Defaults of Config.
const (
	DefaultWorkers   = 4
	DefaultQueueSize = 1024
)

// PathKey is the route that gives the VAPID public key to the PWA (applicationServerKey).
const PathKey = "/api/maillage/push/key"

// Config is what the server reads from flags and the environment for Web Push.
type Config struct {
	// Hosts are push services (host:port) accepted besides the browsers' own, for tests and
	// self-hosted services: MAILLAGE_PUSH_HOSTS. Their endpoints may be http or https.
	Hosts []string
	// Workers bounds how many notifications are handled at once; 0 is DefaultWorkers.
	Workers int
	// QueueSize bounds how many events wait for a worker; 0 is DefaultQueueSize. An event
	// arriving on a full queue is dropped (and logged), never waited for by the write.
	QueueSize int
	// Subject is the VAPID contact (mailto:… or https:…); empty uses the application's
	// sender address (dashboard: Settings → Mail).
	Subject string
}

// storeKey is where Register keeps the app's Notifier (app.Store()).
const storeKey = "maillage.push.notifier"

// Register binds Web Push onto app: the key route, the subscriptions' and preferences' rules,
// the triggers and the delivery workers (stopped when the app terminates).
func Register(app core.App, cfg Config) *Notifier {
	n := newNotifier(app, cfg)
	app.Store().Set(storeKey, n)
	bindRoutes(app, n)
	bindSubscriptions(app, n)
	bindPreferences(app)
	bindTriggers(app, n)
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		n.Stop()
		return e.Next()
	})
	n.start()
	return n
}

// NotifierOf returns the Notifier Register bound on app, nil when it was not.
func NotifierOf(app core.App) *Notifier {
	n, _ := app.Store().Get(storeKey).(*Notifier)
	return n
}
