package hooks_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/maillage/maillage/hooks"
	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// One language at a time: the same refused write asked in English and in French gets each
// answer whole in one language, the signed-in user's locale first.

// apiErr is the part of an API error the tests read.
type apiErr struct {
	Message string
	Data    map[string]json.RawMessage
}

// fieldMessage returns the message of the error on field.
func (e apiErr) fieldMessage(t *testing.T, field string) string {
	t.Helper()
	var item struct{ Code, Message string }
	if err := json.Unmarshal(e.Data[field], &item); err != nil || item.Code == "" {
		t.Fatalf("no field error on %s in %s", field, e.Data)
	}
	return item.Message
}

// ask sends one request with headers as the holder of token and decodes the error answer.
// unbind names router middlewares to remove first (a negative control).
func (w *geoWorld) ask(t *testing.T, method, url, token string, headers map[string]string, body any, status int, unbind ...string) apiErr {
	t.Helper()
	raw, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	h := map[string]string{"Authorization": token, "Content-Type": "application/json"}
	for k, v := range headers {
		h[k] = v
	}
	var got apiErr
	sc := tests.ApiScenario{
		Name: method + " " + url + fmt.Sprint(headers), Method: method, URL: url, Body: bytes.NewReader(raw),
		Headers: h, ExpectedStatus: status, ExpectedContent: []string{`"message"`},
		TestAppFactory:        func(testing.TB) *tests.TestApp { return w.app },
		DisableTestAppCleanup: true,
		BeforeTestFunc: func(_ testing.TB, _ *tests.TestApp, e *core.ServeEvent) {
			e.Router.Unbind(unbind...)
		},
		AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
			if err := json.NewDecoder(res.Body).Decode(&got); err != nil {
				t.Fatalf("decode: %v", err)
			}
		},
	}
	sc.Test(t)
	return got
}

// oneLanguage checks that text is want exactly and holds none of the other language's words.
func oneLanguage(text, want string, otherWords ...string) error {
	if text != want {
		return fmt.Errorf("got %q, want %q", text, want)
	}
	for _, w := range otherWords {
		if strings.Contains(text, w) {
			return fmt.Errorf("%q holds %q, of the other language", text, w)
		}
	}
	return nil
}

// outsideTexts are the expected answers to a location at notreDame, by language.
func outsideTexts(t *testing.T) map[string][2]string {
	t.Helper()
	m, _ := territory(t).Locate(notreDame.point())
	km := fmt.Sprintf("%.1f", m.DistanceMeters/1000)
	margin := fmt.Sprintf("%.1f", float64(hooks.DefaultOutsideMarginMeters)/1000)
	comma := func(s string) string { return strings.Replace(s, ".", ",", 1) }
	return map[string][2]string{
		"en": {"Failed to create record.", fmt.Sprintf("This point is %s km from %s, outside the territory (margin %s km): "+
			"check the location on the map, or ask a moderator to accept it.", km, m.Commune.Name, margin)},
		"fr": {"La fiche n'a pas pu être créée.", fmt.Sprintf("Ce point est à %s km de %s, hors du territoire (marge de %s km) : "+
			"vérifiez la position sur la carte, ou demandez à un·e modérateur·ice de l'accepter.", comma(km), m.Commune.Name, comma(margin))},
	}
}

// otherWords are words only the other language uses.
var otherWords = map[string][]string{"en": {"Ce point", "territoire", "fiche", "modérateur"}, "fr": {"This point", "territory", "record", "moderator"}}

func TestOutsideTerritoryInTheRequestersLanguage(t *testing.T) {
	w := newGeoWorld(t, hooks.GeoConfig{})
	want := outsideTexts(t)
	body := fields(s.Initiatives, w.fac, notreDame, nil)
	for _, lang := range []string{"en", "fr"} {
		got := w.ask(t, http.MethodPost, recordsURL(s.Initiatives), w.facTok, map[string]string{"Accept-Language": lang}, body, http.StatusBadRequest)
		if err := oneLanguage(got.Message, want[lang][0], otherWords[lang]...); err != nil {
			t.Errorf("%s message: %v", lang, err)
		}
		if err := oneLanguage(got.fieldMessage(t, s.FieldGeo), want[lang][1], otherWords[lang]...); err != nil {
			t.Errorf("%s geo: %v", lang, err)
		}
	}
}

// TestOutsideTerritoryLanguageNegativeControl removes the localising middleware: the English
// request then gets the model hook's French, and the same check must say so.
func TestOutsideTerritoryLanguageNegativeControl(t *testing.T) {
	w := newGeoWorld(t, hooks.GeoConfig{})
	body := fields(s.Initiatives, w.fac, notreDame, nil)
	got := w.ask(t, http.MethodPost, recordsURL(s.Initiatives), w.facTok, map[string]string{"Accept-Language": "en"}, body,
		http.StatusBadRequest, i18n.MiddlewareID)
	if err := oneLanguage(got.fieldMessage(t, s.FieldGeo), outsideTexts(t)["en"][1], otherWords["en"]...); err == nil {
		t.Error("without the middleware the English request still got English: the check cannot catch a missing middleware")
	}
}

func TestRefusedUpdateInTheRequestersLanguage(t *testing.T) {
	w := newGeoWorld(t, hooks.GeoConfig{})
	rec := w.newRecord(t, s.Initiatives, w.fac, basilique)
	if err := w.app.Save(rec); err != nil {
		t.Fatal(err)
	}
	url := recordsURL(s.Initiatives) + "/" + rec.Id
	want := map[string]string{
		"en": "Only its author or a moderator can change or delete this record: suggest the change to a moderator instead.",
		"fr": "Seul·e l'auteur·ice ou un·e modérateur·ice peut modifier ou supprimer cette fiche : proposez plutôt la modification à un·e modérateur·ice.",
	}
	for _, lang := range []string{"en", "fr"} {
		got := w.ask(t, http.MethodPatch, url, w.otherTok, map[string]string{"Accept-Language": lang}, map[string]any{"name": "x"}, http.StatusForbidden)
		if err := oneLanguage(got.Message, want[lang], otherWords[lang]...); err != nil {
			t.Errorf("%s: %v", lang, err)
		}
	}
	// The user's own choice wins over the header.
	w.other.Set(s.FieldLocale, "en")
	if err := w.app.Save(w.other); err != nil {
		t.Fatal(err)
	}
	got := w.ask(t, http.MethodPatch, url, w.otherTok, map[string]string{"Accept-Language": "fr"}, map[string]any{"name": "x"}, http.StatusForbidden)
	if err := oneLanguage(got.Message, want["en"], otherWords["en"]...); err != nil {
		t.Errorf("locale en, header fr: %v", err)
	}
}

// TestBatchErrorsInTheRequestersLanguage follows a model hook's refusal nested in a batch's
// error (requests.0.response.data.geo), and Maillage's own batch refusal.
func TestBatchErrorsInTheRequestersLanguage(t *testing.T) {
	w := newGeoWorld(t, hooks.GeoConfig{})
	want := outsideTexts(t)
	create := map[string]any{"requests": []map[string]any{{"method": http.MethodPost, "url": recordsURL(s.Initiatives),
		"body": fields(s.Initiatives, w.fac, notreDame, nil)}}}
	for _, lang := range []string{"en", "fr"} {
		got := w.ask(t, http.MethodPost, "/api/batch", w.facTok, map[string]string{"Accept-Language": lang}, create, http.StatusBadRequest)
		var requests map[string]struct {
			Response struct {
				Message string
				Data    map[string]struct{ Code, Message string }
			}
		}
		if err := json.Unmarshal(got.Data["requests"], &requests); err != nil {
			t.Fatalf("%s: requests: %v in %s", lang, err, got.Data)
		}
		res := requests["0"].Response
		if err := oneLanguage(res.Data[s.FieldGeo].Message, want[lang][1], otherWords[lang]...); err != nil {
			t.Errorf("%s nested geo: %v", lang, err)
		}
		if err := oneLanguage(res.Message, want[lang][0], otherWords[lang]...); err != nil {
			t.Errorf("%s nested message: %v", lang, err)
		}
	}
	forged := map[string]any{"requests": []map[string]any{{"method": http.MethodPost, "url": recordsURL(s.Initiatives),
		"body": fields(s.Initiatives, w.other, basilique, nil)}}}
	got := w.ask(t, http.MethodPost, "/api/batch", w.facTok, map[string]string{"Accept-Language": "en"}, forged, http.StatusBadRequest)
	wantMsg := "Batch request 0: The record was not saved: its author was refused (see the field)."
	if err := oneLanguage(got.Message, wantMsg, otherWords["en"]...); err != nil {
		t.Errorf("batch refusal: %v", err)
	}
}
