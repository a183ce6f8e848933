package push

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"
)

// bindRoutes serves the VAPID public key at PathKey (to anyone: it is public by design) and
// makes sure the keys exist from the first start.
func bindRoutes(app core.App, n *Notifier) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if _, err := n.keys.get(se.App); err != nil {
			return err
		}
		se.Router.GET(PathKey, func(e *core.RequestEvent) error {
			keys, err := n.keys.get(e.App)
			if err != nil {
				return e.InternalServerError("", err)
			}
			return e.JSON(http.StatusOK, map[string]string{"publicKey": keys.PublicKey})
		})
		return se.Next()
	})
}
