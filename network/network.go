// Package network records the network of cooperations between organisations, initiatives and
// communities: links (partnership, membership, funding, shared place, supply, other) proposed
// by one side and confirmed by the other, and the network of confirmed links each requester may
// read, as JSON, as a Kumu blueprint and as GEXF 1.3 for Gephi.
//
//	GET /api/maillage/network?type=funding&category=ID&commune=ID
//	GET /api/maillage/network/kumu.json
//	GET /api/maillage/network.gexf
//
// The links' API rules (migrations/network.go) read copies of their nodes' editors and
// visibility, which the model rules of this package keep in step on every write path.
package network

import "github.com/pocketbase/pocketbase/core"

// Register binds the model rules of links, keeps links in step with their nodes and serves
// the network routes.
func Register(app core.App) {
	bindModel(app)
	bindNodes(app)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		bindRoutes(se)
		return se.Next()
	})
}
