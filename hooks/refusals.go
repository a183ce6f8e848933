package hooks

import (
	"net/http"
	"regexp"
	"strconv"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// Refusal explanations. PocketBase answers a write that its API rules refuse with a bare
// "Failed to create record." (400) or "The requested resource wasn't found." (404), which leaves
// a contributor guessing. Before a record write runs, REST or batch, explainRefusal works out
// which part of it the rules will refuse and answers with that reason instead:
//   - 401 when nobody is signed in to add content;
//   - 403 when the requester sees the record but it is not theirs to change or delete, or may
//     not found a community or add members to it;
//   - 400 with a field error when one field (author, status, role, community, owner, source,
//     externalId, geoOverride) is refused.
// It only ever refuses writes the rules refuse, and leaves a record the requester cannot see
// to PocketBase's 404, so that it reveals nothing. The rules stay the authority: for changes
// the explanation evaluates the collection's own rules with app.CanAccessRecord. The reason is
// written in the requester's language (i18n.Lang).

// bindRefusals explains refused record writes on the REST API and in batch requests.
func bindRefusals(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.BindFunc(explainRESTWrite)
		return se.Next()
	})
	app.OnBatchRequest().BindFunc(explainBatch)
}

// explainRESTWrite is a router middleware: it answers a refused record write with its reason.
func explainRESTWrite(e *core.RequestEvent) error {
	switch e.Request.Method {
	case http.MethodPost, http.MethodPatch, http.MethodDelete:
	default:
		return e.Next()
	}
	w, ok := writeOf(e.Request.Method, e.Request.URL.Path, nil)
	if !ok {
		return e.Next()
	}
	info, err := e.RequestInfo()
	if err != nil {
		return e.Next() // the handler reports unreadable bodies itself
	}
	w.body = info.Body
	if r := explainRefusal(e.App, info, w); r != nil {
		return r.apiError(i18n.Lang(e))
	}
	return e.Next()
}

// explainBatch explains the first refused write of a batch, naming its index as PocketBase's
// own batch errors do: {"requests": {"2": {...}}}.
func explainBatch(e *core.BatchRequestEvent) error {
	info, err := e.RequestInfo()
	if err != nil {
		return e.Next()
	}
	for i, ir := range e.Batch {
		w, ok := writeOf(ir.Method, ir.URL, ir.Body)
		if !ok {
			continue
		}
		if r := explainRefusal(e.App, info, upsertAs(e.App, w)); r != nil {
			lang := i18n.Lang(e.RequestEvent)
			refusal := r.apiError(lang)
			return &router.ApiError{
				Status:  refusal.Status,
				Message: i18n.T(lang, msgBatchRefused, map[string]any{"index": i, "message": refusal.Message}),
				Data:    map[string]any{"requests": map[string]any{strconv.Itoa(i): refusal.Data}},
			}
		}
	}
	return e.Next()
}

// write is one record write a client asks for.
type write struct {
	method, collection, id string
	body                   map[string]any
}

var recordPath = regexp.MustCompile(`^/api/collections/([^/?]+)/records(?:/([^/?]+))?/?(?:\?.*)?$`)

// writeOf reads a record write from a method and a URL; ok is false for any other request.
func writeOf(method, url string, body map[string]any) (write, bool) {
	m := recordPath.FindStringSubmatch(url)
	if m == nil {
		return write{}, false
	}
	w := write{method: method, collection: m[1], id: m[2], body: body}
	switch {
	case method == http.MethodPost && w.id == "", method == http.MethodPut && w.id == "":
		return w, true
	case (method == http.MethodPatch || method == http.MethodDelete) && w.id != "":
		return w, true
	}
	return write{}, false
}

// upsertAs turns a batch upsert (PUT) into the create or update PocketBase will run.
func upsertAs(app core.App, w write) write {
	if w.method != http.MethodPut {
		return w
	}
	w.method = http.MethodPost
	if id, _ := w.body["id"].(string); id != "" {
		if _, err := app.FindRecordById(w.collection, id); err == nil {
			w.method, w.id = http.MethodPatch, id
		}
	}
	return w
}

// explainRefusal returns the reason the rules will refuse w, or nil when it has none to give.
func explainRefusal(app core.App, info *core.RequestInfo, w write) *refusal {
	if info.HasSuperuserAuth() {
		return nil
	}
	c, err := app.FindCachedCollectionByNameOrId(w.collection)
	if err != nil {
		return nil
	}
	if w.method == http.MethodPost {
		return explainCreate(app, info.Auth, c, w.body)
	}
	return explainChange(app, info, c, w)
}

// explainCreate explains refused new content and sign-ups. It checks what the create rules of
// migrations/rules.go require, each check a condition whose failure makes the rule fail.
func explainCreate(app core.App, auth *core.Record, c *core.Collection, body map[string]any) *refusal {
	switch {
	case c.Name == s.Users:
		if role, set := body[s.FieldRole]; set && role != s.RoleResident {
			return fieldRefusal(s.FieldRole, codeRoleOnSignUp)
		}
	case c.Name == s.Communities || c.Name == s.Memberships:
		return explainGroupCreate(app, auth, c.Name, body)
	case !s.IsContent(c.Name):
	case auth == nil:
		return statusRefusal(http.StatusUnauthorized, msgSignInToAdd)
	case body[s.FieldAuthor] != auth.Id:
		return fieldRefusal(s.FieldAuthor, codeAuthorNotYou)
	default:
		if r := explainProtected(auth, body); r != nil {
			return r
		}
		return explainCommunity(app, auth, body)
	}
	return nil
}

// explainGroupCreate explains refused new communities (founded by facilitators and moderators,
// in their own name) and memberships (added by the community's owner or a moderator).
func explainGroupCreate(app core.App, auth *core.Record, coll string, body map[string]any) *refusal {
	role := ""
	if auth != nil {
		role = auth.GetString(s.FieldRole)
	}
	switch {
	case auth == nil:
		return statusRefusal(http.StatusUnauthorized, msgSignInToAdd)
	case coll == s.Communities && role != s.RoleFacilitator && role != s.RoleModerator:
		return statusRefusal(http.StatusForbidden, msgFoundCommunity)
	case coll == s.Communities && body[fieldOwner] != auth.Id:
		return fieldRefusal(fieldOwner, codeOwnerNotYou)
	case coll == s.Memberships && role != s.RoleModerator:
		community, _ := body[s.FieldCommunity].(string)
		if c, err := app.FindRecordById(s.Communities, community); err == nil && c.GetString(fieldOwner) != auth.Id {
			return statusRefusal(http.StatusForbidden, msgAddMember)
		}
	}
	return nil
}

// fieldOwner is the user who runs a community.
const fieldOwner = "owner"

// explainProtected refuses new content that sets what only imports (source, externalId) or
// moderators (geoOverride) may set.
func explainProtected(auth *core.Record, body map[string]any) *refusal {
	for _, field := range []string{s.FieldSource, s.FieldExternalID} {
		if v, _ := body[field].(string); v != "" {
			return fieldRefusal(field, codeProvenance)
		}
	}
	override, set := body[s.FieldGeoOverride]
	if set && override != false && override != "false" && auth.GetString(s.FieldRole) != s.RoleModerator {
		return fieldRefusal(s.FieldGeoOverride, codeGeoOverride)
	}
	return nil
}

// explainCommunity refuses new content in a community its author does not belong to.
func explainCommunity(app core.App, auth *core.Record, body map[string]any) *refusal {
	community, _ := body[s.FieldCommunity].(string)
	if community == "" || auth.GetString(s.FieldRole) == s.RoleModerator {
		return nil
	}
	if member, err := isMember(app, auth.Id, community); err != nil || member {
		return nil
	}
	return fieldRefusal(s.FieldCommunity, codeNotMember)
}

// explainChange explains a refused update or delete of a record the requester can see: not
// theirs (403), or one body field the update rule refuses (400).
func explainChange(app core.App, info *core.RequestInfo, c *core.Collection, w write) *refusal {
	rule := c.UpdateRule
	if w.method == http.MethodDelete {
		rule = c.DeleteRule
	}
	rec, err := app.FindRecordById(c, w.id)
	if rule == nil || err != nil || !allows(app, info, rec, c.ViewRule, nil) {
		return nil
	}
	if !allows(app, info, rec, rule, map[string]any{}) {
		return statusRefusal(http.StatusForbidden, notYours(c, info.Auth))
	}
	if w.method == http.MethodDelete {
		return nil
	}
	return explainFields(app, info, rec, *rule, w.body)
}

// explainFields finds the body fields the update rule refuses, trying each one alone.
func explainFields(app core.App, info *core.RequestInfo, rec *core.Record, rule string, body map[string]any) *refusal {
	fields := map[string]string{}
	for _, field := range ruleBodyFields(rule) {
		value, sent := body[field]
		if sent && !allows(app, info, rec, &rule, map[string]any{field: value}) {
			fields[field] = fieldCode(field)
		}
	}
	if len(fields) == 0 {
		return nil
	}
	return &refusal{status: http.StatusBadRequest, fields: fields}
}

// allows evaluates rule for rec as the requester of info, with body as the request body when
// it is not nil. An error counts as allowed: the explanation then steps aside for PocketBase.
func allows(app core.App, info *core.RequestInfo, rec *core.Record, rule *string, body map[string]any) bool {
	if body != nil {
		info = info.Clone()
		info.Body = body
	}
	ok, err := app.CanAccessRecord(rec, info, rule)
	return ok || err != nil
}

var ruleBodyField = regexp.MustCompile(`@request\.body\.([A-Za-z0-9_]+)`)

// ruleBodyFields lists the request body fields a rule looks at, once each.
func ruleBodyFields(rule string) []string {
	var fields []string
	seen := map[string]bool{}
	for _, m := range ruleBodyField.FindAllStringSubmatch(rule, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			fields = append(fields, m[1])
		}
	}
	return fields
}

// ExplainFields returns the error code of each field the rules will refuse in a record write
// (method POST for a create, PATCH for an update of id), as the REST API explains it; nil when
// the refusal names no field. The sync push uses it to explain its rejections by field.
func ExplainFields(app core.App, info *core.RequestInfo, method, collection, id string, body map[string]any) map[string]string {
	r := explainRefusal(app, info, write{method: method, collection: collection, id: id, body: body})
	if r == nil {
		return nil
	}
	return r.fields
}
