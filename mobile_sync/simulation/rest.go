package simulation

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// REST calls PocketBase's own records API, without faults: the reference of what a user may
// read, and the way owners and moderators manage memberships.
type REST struct {
	BaseURL string
	HTTP    *http.Client
}

// List returns every record of collection the token may list, by id, as the API serialises it.
func (r REST) List(collection, token string) (map[string]map[string]json.RawMessage, error) {
	out := map[string]map[string]json.RawMessage{}
	for page := 1; ; page++ {
		var res struct {
			Items []map[string]json.RawMessage `json:"items"`
		}
		path := fmt.Sprintf("/api/collections/%s/records?page=%d&perPage=500&skipTotal=1&sort=id", url.PathEscape(collection), page)
		if _, err := r.do(http.MethodGet, path, token, nil, &res); err != nil {
			return nil, err
		}
		for _, it := range res.Items {
			var id string
			if err := json.Unmarshal(it["id"], &id); err != nil {
				return nil, fmt.Errorf("list %s: record without id: %w", collection, err)
			}
			out[id] = it
		}
		if len(res.Items) < 500 {
			return out, nil
		}
	}
}

// View returns a record as token may view it, and false when the API answers 404.
func (r REST) View(collection, id, token string) (map[string]json.RawMessage, bool, error) {
	var rec map[string]json.RawMessage
	status, err := r.do(http.MethodGet, "/api/collections/"+collection+"/records/"+id, token, nil, &rec)
	if status == http.StatusNotFound {
		return nil, false, nil
	}
	return rec, err == nil, err
}

// Create creates a record as token and returns its id.
func (r REST) Create(collection, token string, body map[string]any) (string, error) {
	var rec struct {
		ID string `json:"id"`
	}
	_, err := r.do(http.MethodPost, "/api/collections/"+collection+"/records", token, body, &rec)
	return rec.ID, err
}

// Delete deletes a record as token.
func (r REST) Delete(collection, id, token string) error {
	_, err := r.do(http.MethodDelete, "/api/collections/"+collection+"/records/"+id, token, nil, nil)
	return err
}

func (r REST) do(method, path, token string, in, out any) (int, error) {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return 0, err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, r.BaseURL+path, body)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	res, err := r.HTTP.Do(req)
	if err != nil {
		return 0, fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return res.StatusCode, err
	}
	if res.StatusCode/100 != 2 {
		return res.StatusCode, fmt.Errorf("%s %s: %d %s", method, path, res.StatusCode, data)
	}
	if out == nil || len(data) == 0 {
		return res.StatusCode, nil
	}
	return res.StatusCode, json.Unmarshal(data, out)
}
