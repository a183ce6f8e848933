package push_test

import (
	"errors"
	"testing"

	"github.com/maillage/maillage/i18n"
	"github.com/maillage/maillage/push"
)

// TestCheckEndpoint: the browsers' push services over https are accepted, anything else only
// when MAILLAGE_PUSH_HOSTS lists its host:port; the same endpoints serve as negative controls.
func TestCheckEndpoint(t *testing.T) {
	extra := []string{"127.0.0.1:8100", "push.example.org:443"}
	cases := []struct {
		endpoint string
		hosts    []string
		want     string // "" accepted, else the refusal code
	}{
		{"https://fcm.googleapis.com/fcm/send/abc", nil, ""},
		{"https://fcm.googleapis.com/wp/abc", nil, ""},
		{"https://android.googleapis.com/gcm/send/abc", nil, ""},
		{"https://updates.push.services.mozilla.com/wpush/v2/abc", nil, ""},
		{"https://web.push.apple.com/QGx", nil, ""},
		{"https://wns2-par02p.notify.windows.com/w/?token=abc", nil, ""},
		{"https://fcm.googleapis.com:443/fcm/send/abc", nil, ""},
		{"http://fcm.googleapis.com/fcm/send/abc", nil, "push_endpoint_not_allowed"},
		{"https://fcm.googleapis.com:8443/fcm/send/abc", nil, "push_endpoint_not_allowed"},
		{"https://fcm.googleapis.com.evil.example/x", nil, "push_endpoint_not_allowed"},
		{"https://evilfcm.googleapis.com/x", nil, "push_endpoint_not_allowed"},
		{"https://notify.windows.com/x", nil, "push_endpoint_not_allowed"},
		{"https://apple.com.push.apple.com.example.org/x", nil, "push_endpoint_not_allowed"},
		{"http://127.0.0.1:8100/push/abc", nil, "push_endpoint_not_allowed"},
		{"http://127.0.0.1:8100/push/abc", extra, ""},
		{"http://127.0.0.1:8101/push/abc", extra, "push_endpoint_not_allowed"},
		{"https://push.example.org/x", extra, ""},
		{"http://push.example.org/x", extra, "push_endpoint_not_allowed"},
		{"http://169.254.169.254/latest/meta-data", nil, "push_endpoint_not_allowed"},
		{"https://user:pw@fcm.googleapis.com/x", nil, "push_endpoint_invalid"},
		{"ftp://fcm.googleapis.com/x", nil, "push_endpoint_invalid"},
		{"fcm.googleapis.com/x", nil, "push_endpoint_invalid"},
		{"", nil, "push_endpoint_invalid"},
	}
	for _, c := range cases {
		err := push.CheckEndpoint(c.endpoint, c.hosts)
		if got := code(err); got != c.want {
			t.Errorf("CheckEndpoint(%q, %v): got %q, want %q", c.endpoint, c.hosts, got, c.want)
		}
	}
}

// code is the i18n code of err, "" for nil.
func code(err error) string {
	if err == nil {
		return ""
	}
	var coded *i18n.Error
	if !errors.As(err, &coded) {
		return "not coded: " + err.Error()
	}
	return coded.Code()
}

// TestParseHosts reads MAILLAGE_PUSH_HOSTS and refuses entries without a port.
func TestParseHosts(t *testing.T) {
	got, err := push.ParseHosts(" 127.0.0.1:8100, Push.Example.org:443 ,,[::1]:9000")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"127.0.0.1:8100", "push.example.org:443", "[::1]:9000"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("host %d: got %q, want %q", i, got[i], want[i])
		}
	}
	for _, bad := range []string{"push.example.org", "push.example.org:", ":443", "host:99999", "host:http"} {
		if _, err := push.ParseHosts(bad); err == nil {
			t.Errorf("ParseHosts(%q): accepted, want an error", bad)
		}
	}
}
