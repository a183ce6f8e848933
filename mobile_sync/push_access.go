package mobilesync

import (
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/inflector"
	"github.com/pocketbase/pocketbase/tools/search"
	"github.com/pocketbase/pocketbase/tools/security"
)

// Access checks of pushed mutations, always against the collection's own API rules, evaluated
// by PocketBase for the pushing user with the mutation's fields as the request body.

// mutationInfo is the request info a rule sees for one mutation: the push's auth, the
// mutation's fields as body, and the method the REST API would use.
func mutationInfo(base *core.RequestInfo, method string, body map[string]any) *core.RequestInfo {
	info := *base
	info.Method = method
	info.Body = maps.Clone(body)
	if info.Body == nil {
		info.Body = map[string]any{}
	}
	return &info
}

// canAccess checks an existing record against rule (update, delete or view).
func canAccess(app core.App, info *core.RequestInfo, rec *core.Record, rule *string) (bool, error) {
	ok, err := app.CanAccessRecord(rec, info, rule)
	if err != nil {
		return false, fmt.Errorf("check access to %s/%s: %w", rec.Collection().Name, rec.Id, err)
	}
	return ok, nil
}

// canCreate checks a new, unsaved record against its collection's CreateRule. CanAccessRecord
// needs a stored row, so, like PocketBase's create endpoint, the rule runs against a CTE holding
// the would-be row; it runs on app's connection, so a push transaction sees its own writes.
func canCreate(app core.App, info *core.RequestInfo, rec *core.Record) (bool, error) {
	col := rec.Collection()
	if info.HasSuperuserAuth() || (col.CreateRule != nil && *col.CreateRule == "") {
		return true, nil
	}
	if col.CreateRule == nil {
		return false, nil
	}
	export, err := rec.DBExport(app)
	if err != nil {
		return false, fmt.Errorf("export new %s record: %w", col.Name, err)
	}
	suffix := "__sync_create__" + security.PseudorandomString(6)
	dummy := *col
	dummy.Id += suffix
	dummy.Name += inflector.Columnify(suffix)
	params := dbx.Params{}
	selects := make([]string, 0, len(export))
	for k, v := range export {
		k = inflector.Columnify(k)
		params["__sync_create__"+k] = v
		selects = append(selects, "{:__sync_create__"+k+"} AS [["+k+"]]")
	}
	with := fmt.Sprintf("WITH {{%s}} AS (SELECT %s)", dummy.Name, strings.Join(selects, ","))
	q := app.DB().Select("(1)").PreFragment(with).From(dummy.Name).AndBind(params)
	resolver := core.NewRecordFieldResolver(app, &dummy, info, true)
	expr, err := search.FilterData(*col.CreateRule).BuildExpr(resolver)
	if err != nil {
		return false, fmt.Errorf("create rule of %s: %w", col.Name, err)
	}
	q.AndWhere(expr)
	if err := resolver.UpdateQuery(q); err != nil {
		return false, fmt.Errorf("create rule of %s: %w", col.Name, err)
	}
	var exists int
	err = q.Limit(1).Row(&exists)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil // the rule refused the row
	}
	if err != nil {
		return false, fmt.Errorf("create rule of %s: %w", col.Name, err)
	}
	return exists > 0, nil
}
