// Package leaktest is the generated leak matrix of issue 13 item 4: it proves that no user
// ever receives a record or a field beyond their rights, on every read path of Maillage.
//
// The test files build a world from the schema (every collection that app.FindAllCollections
// lists, system ones aside), with viewers of every role of the visibility model and records
// of every visibility and status. Every value some viewer may not read carries a canary, a
// string unique to its collection, field and record (leak-<collection>-<field>-<id>), or for
// a location a coordinate of its own. An oracle written from DESIGN.md's visibility model,
// not from the API rules, says which canaries each viewer may receive. Every read path (REST
// list and view with expand, filters and sorts probing fields, realtime, sync snapshot and
// pull, the geo API, exports, the network, indicators, federation, moderation, Web Push, account
// export...) is called as every viewer and every answer is scanned: a canary the oracle
// forbids fails the test, named viewer × path × canary. Negative controls loosen one rule at
// a time and assert that the matrix then fails.
//
// go test ./leaktest/ runs the short matrix; LEAKTEST_LONG=1 widens it (more records per
// variant, every record's single views and every filter probe).
package leaktest
