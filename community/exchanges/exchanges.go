// Package exchanges is the life of an offer and the calendar of the things people lend or rent:
//
//   - an offer moves open → reserved → done, or withdrawn, and a cron job marks it expired once
//     its expires date has passed; only its author (or a moderator: the offers' API rules) moves
//     it, and the moves that make no sense are refused with a coded reason, on every write path
//     (REST, batch, sync push, dashboard), because they are model hooks;
//   - an offer is reserved for a person who has a conversation about it (reservedFor), and only
//     its author, that person and moderators see who;
//   - bookings of loan and rental offers: the requester asks for dates, the offer's author
//     confirms or declines, the requester cancels; no two confirmed bookings of an offer overlap,
//     checked inside the write's transaction, so two confirmations at once cannot both pass.
//
// Register binds it all on an app, as internal/server does:
//
//	exchanges.Register(app)
package exchanges

import (
	"github.com/pocketbase/pocketbase/core"
)

// Config is what exchanges read from flags and the environment; internal/server advertises it
// to the PWA in /api/maillage/config.
type Config struct {
	// CurrencyName is the name of the territory's local currency (offers of mode
	// localCurrency), advertised to the PWA; empty: the PWA says "local currency".
	CurrencyName string
}

// Register binds the offers' state machine, the expiry cron job, the bookings' rules and the
// busy dates route on app.
func Register(app core.App) {
	bindOffers(app)
	bindReservedFor(app)
	bindExpiry(app)
	bindBookings(app)
	bindOverlaps(app)
	bindBusy(app)
}
