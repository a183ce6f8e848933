package federation

import (
	"net/http"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/knowledge"
	s "github.com/maillage/maillage/schema"
)

// Per-organisation actors: each public organisation is a Group, found by WebFinger as
// acct:<slug of its name>@HOST (or its id), whose outbox holds the public events it organises
// and the public initiatives it runs. Its inbox is the territory's, which stores a Follow of it
// (federationFollowers.followed) and answers with its Accept; its followers are then sent, from
// its actor, what the territory's followers are sent of its events and initiatives. It signs
// with the territory's key, which its actor document publishes under its own id.

// organisationsPath is where the organisations' actors are, by id.
const organisationsPath = "/federation/organisations/"

// organisationScope is an organisation's outbox: its events and initiatives ({:org} its id).
var organisationScope = outboxScope{
	s.Events:      " AND [[" + s.EventFields.Organiser + "]] = {:org}",
	s.Initiatives: " AND [[" + s.InitiativeFields.Organisation + "]] = {:org}",
}

// bindOrganisations adds the routes of the organisations' actors and outboxes.
func (f *federation) bindOrganisations(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.GET(organisationsPath+"{id}", f.organisationActor)
		se.Router.GET(organisationsPath+"{id}/outbox", f.organisationOutbox)
		return se.Next()
	})
}

// organisationActor answers GET /federation/organisations/{id}: the actor of a public
// organisation (its page in the app for a browser); 404 for any other.
func (f *federation) organisationActor(e *core.RequestEvent) error {
	org, ok := publicOrganisation(e.App, e.Request.PathValue("id"))
	if !ok {
		return e.NotFoundError("", nil)
	}
	if !wantsActivity(e.Request) {
		return e.Redirect(http.StatusSeeOther, baseURL(e)+"/#/i/"+s.Organisations+"/"+org.Id)
	}
	keys, err := f.keys.get(e.App)
	if err != nil {
		return err
	}
	return writeActivity(e, organisationDocument(baseURL(e), org, keys.PublicKeyPEM))
}

// organisationOutbox answers GET /federation/organisations/{id}/outbox, paged as the
// territory's.
func (f *federation) organisationOutbox(e *core.RequestEvent) error {
	org, ok := publicOrganisation(e.App, e.Request.PathValue("id"))
	if !ok {
		return e.NotFoundError("", nil)
	}
	id := baseURL(e) + organisationsPath + org.Id + "/outbox"
	return f.serveOutbox(e, id, organisationScope, dbx.Params{"org": org.Id})
}

// organisationDocument is the actor of org at base: a Group with its name, description, page,
// outbox, the territory's inbox, and the territory's public key (it signs nothing).
func organisationDocument(base string, org *core.Record, publicKeyPEM string) map[string]any {
	id, territory := base+organisationsPath+org.Id, base+actorPath
	doc := map[string]any{
		"@context": asContext, "id": id, "type": ActorType,
		"preferredUsername": knowledge.Slugify(org.GetString(s.ContentFields.Name)),
		"name":              org.GetString(s.ContentFields.Name),
		"url":               base + "/#/i/" + s.Organisations + "/" + org.Id,
		"inbox":             territory + "/inbox", "outbox": id + "/outbox",
		"endpoints":                 map[string]any{"sharedInbox": territory + "/inbox"},
		"manuallyApprovesFollowers": false, "discoverable": true,
		"publicKey": map[string]any{"id": id + "#main-key", "owner": id, "publicKeyPem": publicKeyPEM},
	}
	putString(doc, "summary", asHTML(org.GetString(s.ContentFields.Description)))
	return doc
}

// publicOrganisation finds organisation id when anyone may read it.
func publicOrganisation(app core.App, id string) (*core.Record, bool) {
	if !isPublic(app, s.Organisations, id) {
		return nil, false
	}
	org, err := app.FindRecordById(s.Organisations, id)
	return org, err == nil
}

// organisationAccount finds the public organisation that resource names at base: acct:NAME@HOST
// (NAME the slug of its name, or its id) or its actor's URL.
func organisationAccount(app core.App, resource, base string) (*core.Record, bool) {
	if id, ok := strings.CutPrefix(resource, base+organisationsPath); ok {
		return publicOrganisation(app, id)
	}
	account, ok := strings.CutPrefix(resource, "acct:")
	name, at, ok2 := strings.Cut(account, "@")
	if !ok || !ok2 || !strings.EqualFold(at, host(base)) || name == "" {
		return nil, false
	}
	return organisationNamed(app, strings.ToLower(name))
}

// organisationNamed finds the first public organisation whose name's slug, or id, is name.
func organisationNamed(app core.App, name string) (*core.Record, bool) {
	var rows []struct {
		ID   string `db:"id"`
		Name string `db:"name"`
	}
	app.DB().Select("id", s.ContentFields.Name).From(s.Organisations).Where(dbx.NewExp(publicWhere)).
		OrderBy("created ASC", "id ASC").All(&rows)
	for _, r := range rows {
		if r.ID == name || knowledge.Slugify(r.Name) == name {
			return publicOrganisation(app, r.ID)
		}
	}
	return nil, false
}
