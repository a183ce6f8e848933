package federation

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// errTarget refuses a target that is neither an http(s) URL nor @name@host.
var errTarget = errors.New("not an actor URL nor @name@host")

// parseHandle splits "@name@host" (or "name@host", or "acct:name@host") into name and host.
func parseHandle(target string) (name, host string, ok bool) {
	t := strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(target), "acct:"), "@")
	name, host, ok = strings.Cut(t, "@")
	if !ok || name == "" || host == "" || strings.ContainsAny(name+host, "@/ ?#") {
		return "", "", false
	}
	return name, host, true
}

// checkTarget accepts an http(s) URL with a host, or a handle.
func checkTarget(target string) error {
	if _, _, ok := parseHandle(target); ok {
		return nil
	}
	u, err := url.Parse(strings.TrimSpace(target))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return errTarget
	}
	return nil
}

// resolveTarget returns the actor id of target: the URL itself, or the actor WebFinger names
// for a handle (over https; over http too when AllowPrivateEnv is set, for a local network).
func resolveTarget(ctx context.Context, client *http.Client, target string) (string, error) {
	name, host, ok := parseHandle(target)
	if !ok {
		return strings.TrimSpace(target), checkTarget(target)
	}
	scheme := "https"
	if allowsPrivate() {
		scheme = "http"
	}
	q := url.Values{"resource": {"acct:" + name + "@" + host}}
	return webfingerSelf(ctx, client, scheme+"://"+host+"/.well-known/webfinger?"+q.Encode())
}

// webfingerSelf reads a WebFinger answer and returns its ActivityPub actor link.
func webfingerSelf(ctx context.Context, client *http.Client, endpoint string) (string, error) {
	body, err := fetchBody(ctx, client, endpoint)
	if err != nil {
		return "", fmt.Errorf("webfinger: %w", err)
	}
	var jrd struct {
		Links []struct{ Rel, Type, Href string } `json:"links"`
	}
	if err := json.Unmarshal(body, &jrd); err != nil {
		return "", fmt.Errorf("webfinger: %w", err)
	}
	for _, l := range jrd.Links {
		if l.Rel == "self" && (strings.HasPrefix(l.Type, ActivityJSON) || strings.HasPrefix(l.Type, "application/ld+json")) {
			return l.Href, nil
		}
	}
	return "", errors.New("webfinger: no ActivityPub actor")
}
