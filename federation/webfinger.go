package federation

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/knowledge"
	s "github.com/maillage/maillage/schema"
)

// webfinger answers GET /.well-known/webfinger?resource=acct:territory@HOST (RFC 7033) with the
// JRD pointing at the actor document, and acct:<organisation>@HOST with its organisation's; an
// actor's own URL is accepted as resource too. Any other resource is 404.
func (f *federation) webfinger(e *core.RequestEvent) error {
	base := baseURL(e)
	resource := e.Request.URL.Query().Get("resource")
	if isTerritory(resource, base) {
		return writeJRD(e, s.FederationActor+"@"+host(base), base+actorPath, base+"/")
	}
	if org, ok := organisationAccount(e.App, resource, base); ok {
		return writeJRD(e, knowledge.Slugify(org.GetString(s.ContentFields.Name))+"@"+host(base),
			base+organisationsPath+org.Id, base+"/#/i/"+s.Organisations+"/"+org.Id)
	}
	return e.NotFoundError("", nil)
}

// writeJRD answers the JRD of account (NAME@HOST), whose actor is at actor and page at page.
func writeJRD(e *core.RequestEvent, account, actor, page string) error {
	e.Response.Header().Set("Content-Type", JRDJSON)
	e.Response.Header().Set("Access-Control-Allow-Origin", "*")
	return e.JSON(http.StatusOK, map[string]any{
		"subject": "acct:" + account,
		"aliases": []string{actor},
		"links": []map[string]any{
			{"rel": "self", "type": ActivityJSON, "href": actor},
			{"rel": "http://webfinger.net/rel/profile-page", "type": "text/html", "href": page},
		},
	})
}

// isTerritory says whether resource names the territory actor of the site at base.
func isTerritory(resource, base string) bool {
	if resource == base+actorPath {
		return true
	}
	account, ok := strings.CutPrefix(resource, "acct:")
	return ok && strings.EqualFold(account, s.FederationActor+"@"+host(base))
}

// host is the host (with its port, if any) of base.
func host(base string) string {
	u, err := url.Parse(base)
	if err != nil {
		return ""
	}
	return u.Host
}

// nodeinfoSchemas are the NodeInfo versions served, by version.
var nodeinfoSchemas = map[string]string{
	"2.0": "http://nodeinfo.diaspora.software/ns/schema/2.0",
	"2.1": "http://nodeinfo.diaspora.software/ns/schema/2.1",
}

// nodeinfoLinks answers GET /.well-known/nodeinfo: where the NodeInfo documents are.
func (f *federation) nodeinfoLinks(e *core.RequestEvent) error {
	base := baseURL(e)
	return e.JSON(http.StatusOK, map[string]any{"links": []map[string]string{
		{"rel": nodeinfoSchemas["2.0"], "href": base + "/nodeinfo/2.0"},
		{"rel": nodeinfoSchemas["2.1"], "href": base + "/nodeinfo/2.1"},
	}})
}

// nodeinfo answers GET /nodeinfo/{2.0|2.1}: the software, the activitypub protocol, open
// registrations (anyone may sign up) and the count of public content as localPosts.
func (f *federation) nodeinfo(e *core.RequestEvent) error {
	version := e.Request.PathValue("version")
	schema, ok := nodeinfoSchemas[version]
	if !ok {
		return e.NotFoundError("", nil)
	}
	software := map[string]any{"name": "maillage", "version": Version}
	if version == "2.1" {
		software["repository"] = "https://github.com/maillage/maillage"
	}
	posts, err := countPublic(e.App, territoryScope, nil)
	if err != nil {
		return err
	}
	e.Response.Header().Set("Content-Type", `application/json; profile="`+schema+`#"`)
	return e.JSON(http.StatusOK, map[string]any{
		"version": version, "software": software, "protocols": []string{"activitypub"},
		"services":          map[string]any{"inbound": []string{}, "outbound": []string{}},
		"openRegistrations": true,
		"usage":             map[string]any{"users": map[string]any{}, "localPosts": posts},
		"metadata":          map[string]any{"nodeName": e.App.Settings().Meta.AppName},
	})
}

// Version is the software version NodeInfo shows.
const Version = "0.1.0"
