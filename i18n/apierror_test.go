package i18n

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/tools/router"
)

// outside is a model hook's field error, as PocketBase turns it into API error data.
func outside() validation.Errors {
	return validation.Errors{"geo": NewError("outside_territory", map[string]any{"km": 98.04, "commune": "Stains", "margin": 2.0})}
}

func TestLocalizeAPIErrorRewritesKnownItems(t *testing.T) {
	apiErr := router.NewBadRequestError("Failed to create record.", outside())
	en := LocalizeAPIError(EN, apiErr)
	body := encode(t, en)
	for _, want := range []string{`"message":"Failed to create record."`, `"code":"outside_territory"`, "This point is 98.0 km from Stains", `"km":98.04`} {
		if !strings.Contains(body, want) {
			t.Errorf("got %s, want it to contain %s", body, want)
		}
	}
	if strings.Contains(body, "Ce point") {
		t.Errorf("the English answer still holds French: %s", body)
	}
	if fr := encode(t, apiErr); !strings.Contains(fr, "Ce point est à 98,0 km de Stains") {
		t.Errorf("the original error changed: %s", fr)
	}
	if msg := LocalizeAPIError(FR, apiErr).Message; msg != "La fiche n'a pas pu être créée." {
		t.Errorf("French top-level message: got %q", msg)
	}
}

// TestLocalizeAPIErrorNested follows the data of batch errors as PocketBase resolves them: the
// failed request's response, an *ApiError, under requests.N, and Maillage's own refusals
// nested as plain maps.
func TestLocalizeAPIErrorNested(t *testing.T) {
	inner := router.NewBadRequestError("Failed to create record.", outside())
	batch := &router.ApiError{Status: 400, Message: "Batch transaction failed.", Data: map[string]any{
		"requests": map[string]any{
			"0": map[string]any{"code": "batch_request_failed", "message": "Batch request failed.", "response": inner},
			"1": map[string]any{"author": map[string]any{"code": "author_locked", "message": "x"}},
		},
	}}
	body := encode(t, LocalizeAPIError(FR, batch))
	for _, want := range []string{"Ce point est à 98,0 km", "La fiche n'a pas pu être créée.", "Cette requête du lot a échoué.", "L'auteur·ice d'une fiche ne change pas", "Le lot de requêtes a échoué"} {
		if !strings.Contains(body, want) {
			t.Errorf("got %s, want it to contain %q", body, want)
		}
	}
}

func TestLocalizeAPIErrorLeavesUnknownAlone(t *testing.T) {
	apiErr := router.NewBadRequestError("Something custom.", validation.Errors{"x": validation.NewError("not_in_catalogue", "as it was")})
	body := encode(t, LocalizeAPIError(FR, apiErr))
	if !strings.Contains(body, `"message":"As it was."`) || !strings.Contains(body, `"message":"Something custom."`) {
		t.Errorf("an unknown code or message changed: %s", body)
	}
}

func TestMessageVariantByReason(t *testing.T) {
	params := map[string]any{"reason": "too_large", "file": "a.jpg", "maxMB": 15, "maxMegapixels": 40}
	got, ok := Message(EN, "invalid_photo", params)
	if !ok || got != `"a.jpg": the file is over 15 MB; send a smaller photo (the app resizes it for you).` {
		t.Errorf("got %q, %v", got, ok)
	}
	if got := NewError("invalid_photo", params).Error(); !strings.Contains(got, "le fichier dépasse 15 Mo") {
		t.Errorf("Error() should read the reason's message in French, got %q", got)
	}
	params["reason"] = "something new"
	if got, _ := Message(EN, "invalid_photo", params); !strings.HasPrefix(got, `"a.jpg" is not a usable photo`) {
		t.Errorf("an unknown reason should take the code's own message, got %q", got)
	}
}

func TestLocalize(t *testing.T) {
	wrapped := fmt.Errorf("save: %w", NewError("author_locked", nil))
	if got := Localize(EN, wrapped); got != "A record keeps its author: leave author out of the request." {
		t.Errorf("wrapped *Error: got %q", got)
	}
	ozzo := validation.NewError("validation_length_out_of_range", "the length must be between {{.min}} and {{.max}}").
		SetParams(map[string]any{"min": 8, "max": 72})
	if got := Localize(FR, ozzo); got != "La longueur doit être comprise entre 8 et 72." {
		t.Errorf("ozzo error: got %q", got)
	}
	if got := Localize(FR, errors.New("plain")); got != "plain" {
		t.Errorf("plain error: got %q", got)
	}
}

func encode(t *testing.T, v any) string {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}
