package server_test

import (
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/server"
)

func TestEnvMargin(t *testing.T) {
	cases := []struct {
		value string
		want  float64
	}{{"", 0}, {"500", 500}, {" 1500.5 ", 1500.5}, {"-1", -1}, {"0", 0}}
	for _, c := range cases {
		t.Setenv("TEST_MARGIN", c.value)
		if got, err := server.EnvMargin("TEST_MARGIN"); err != nil || got != c.want {
			t.Errorf("%q: got %v, %v; want %v, nil", c.value, got, err, c.want)
		}
	}
}

func TestEnvMarginRefusesWhatIsNotANumber(t *testing.T) {
	for _, value := range []string{"2km", "abc", "NaN", "Inf", "1,5"} {
		t.Setenv("TEST_MARGIN", value)
		_, err := server.EnvMargin("TEST_MARGIN")
		if err == nil {
			t.Errorf("%q: accepted, want an error", value)
			continue
		}
		for _, want := range []string{"TEST_MARGIN", value, "expected metres", "negative"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%q: error %q does not say %q", value, err, want)
			}
		}
	}
}
