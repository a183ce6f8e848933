package federation

import (
	"encoding/json"
	"net/http"
)

// LoosenSignatureForTest makes the inbox accept a delivery whose signature fails, reading its
// sender from the activity's actor instead, until restore is called: the negative control of
// the signature tests.
func LoosenSignatureForTest() (restore func()) {
	saved := checkSignature
	checkSignature = func(f *federation, r *http.Request, body []byte) (remoteActor, error) {
		if actor, err := saved(f, r, body); err == nil {
			return actor, nil
		}
		var doc struct{ Actor string }
		_ = json.Unmarshal(body, &doc)
		return fetchActor(r.Context(), f.client, doc.Actor)
	}
	return func() { checkSignature = saved }
}
