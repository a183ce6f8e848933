package importer

import "testing"

func TestPlan(t *testing.T) {
	tests := []struct {
		name              string
		prev              values
		current, upstream string
		want              change
	}{
		{"unchanged everywhere", values{"f": `"a"`}, `"a"`, `"a"`, keep},
		{"changed upstream only", values{"f": `"a"`}, `"a"`, `"b"`, write},
		{"edited locally only", values{"f": `"a"`}, `"local"`, `"a"`, keep},
		{"both changed, same value", values{"f": `"a"`}, `"b"`, `"b"`, keep},
		{"both changed", values{"f": `"a"`}, `"local"`, `"b"`, conflict},
		{"no previous import, empty record", nil, `""`, `"b"`, write},
		{"no previous import, filled record", nil, `"local"`, `"b"`, conflict},
		{"field added upstream since", values{}, `""`, `"b"`, write},
		{"source dropped a value nobody edited", values{"f": `"a"`}, `"a"`, `""`, write},
		{"source dropped a value edited locally", values{"f": `"a"`}, `"local"`, `""`, conflict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := plan(tt.prev, values{"f": tt.current}, values{"f": tt.upstream})["f"]
			if got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
