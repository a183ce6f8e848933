package network

import (
	"fmt"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// Error codes of refused links (i18n/messages_network.go).
const (
	// codeNodeMissing: the node does not exist or the link's author cannot read it; both read
	// the same, so that a refusal reveals nothing of a record one cannot see.
	codeNodeMissing = "link_node_missing"
	// codeNotSourceEditor: the author may not edit the node the link starts from.
	codeNotSourceEditor = "link_not_source_editor"
	// codeSameNode: a link joins two different nodes.
	codeSameNode = "link_same_node"
)

// bindModel checks new links and copies their nodes' editors and visibility into every link
// saved, whatever the write path.
func bindModel(app core.App) {
	app.OnRecordValidate(s.Links).BindFunc(func(e *core.RecordEvent) error {
		if err := checkLink(e.App, e.Record); err != nil {
			return err
		}
		return e.Next()
	})
}

// checkLink refuses a new link whose nodes are missing or the same, or whose author may not
// edit its source or read its target, and copies the nodes' editors and visibility.
func checkLink(app core.App, link *core.Record) error {
	from, errFrom := findNode(app, link, s.FieldLinkFromCollection, s.FieldLinkFromID)
	to, errTo := findNode(app, link, s.FieldLinkToCollection, s.FieldLinkToID)
	if link.IsNew() {
		if err := checkNew(app, link, from, to, errFrom, errTo); err != nil {
			return err
		}
	}
	return copyNodes(app, link, from, to)
}

// checkNew checks the nodes of a new link and that its author may propose it. A link without
// author (made by the system: the demo, an import) is left to its maker.
func checkNew(app core.App, link, from, to *core.Record, errFrom, errTo error) error {
	if errFrom != nil {
		return refuse(s.FieldLinkFromID, codeNodeMissing)
	}
	if errTo != nil {
		return refuse(s.FieldLinkToID, codeNodeMissing)
	}
	if from.Collection().Name == to.Collection().Name && from.Id == to.Id {
		return refuse(s.FieldLinkToID, codeSameNode)
	}
	authorID := link.GetString(s.FieldAuthor)
	if authorID == "" {
		return nil
	}
	editors, err := Editors(app, from)
	if err != nil {
		return err
	}
	if !contains(editors, authorID) {
		return refuse(s.FieldLinkFromID, codeNotSourceEditor)
	}
	return checkReader(app, authorID, to)
}

// checkReader refuses a link to a node its author cannot read, as the node's view rule decides.
func checkReader(app core.App, authorID string, node *core.Record) error {
	author, err := app.FindRecordById(s.Users, authorID)
	if err != nil {
		return refuse(s.FieldLinkToID, codeNodeMissing)
	}
	info := &core.RequestInfo{Auth: author, Context: core.RequestInfoContextDefault, Method: "POST"}
	ok, err := app.CanAccessRecord(node, info, node.Collection().ViewRule)
	if err != nil {
		return fmt.Errorf("check %s can read %s/%s: %w", authorID, node.Collection().Name, node.Id, err)
	}
	if !ok {
		return refuse(s.FieldLinkToID, codeNodeMissing)
	}
	return nil
}

// copyNodes copies the editors of both nodes and whether both are public; a node gone since
// (a link is deleted with its nodes, this is only a safety net) has no editors and is not public.
func copyNodes(app core.App, link, from, to *core.Record) error {
	fromEditors, err := Editors(app, from)
	if err != nil {
		return err
	}
	toEditors, err := Editors(app, to)
	if err != nil {
		return err
	}
	link.Set(s.FieldLinkFromEditors, fromEditors)
	link.Set(s.FieldLinkToEditors, toEditors)
	link.Set(s.FieldLinkNodesPublic, IsPublic(from) && IsPublic(to))
	return nil
}

// findNode returns the node a link names in its collection and id fields.
func findNode(app core.App, link *core.Record, collField, idField string) (*core.Record, error) {
	coll, id := link.GetString(collField), link.GetString(idField)
	if !s.IsLinkNode(coll) || id == "" {
		return nil, fmt.Errorf("no node %q/%q", coll, id)
	}
	return app.FindRecordById(coll, id)
}

func refuse(field, code string) error {
	return validation.Errors{field: i18n.NewError(code, nil)}
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
