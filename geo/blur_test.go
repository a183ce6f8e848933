package geo

import (
	"fmt"
	"testing"
)

func TestBlurIsStableOffsetAndOnTheGrid(t *testing.T) {
	secret := []byte("test secret")
	p := Point{Lon: 2.3596, Lat: 48.9356}
	seen := map[Point]bool{}
	for i := 0; i < 500; i++ {
		id := fmt.Sprintf("offer%04d", i)
		b := Blur(p, secret, id)
		if again := Blur(p, secret, id); again != b {
			t.Fatalf("%s: got %v then %v, want the same point on every read", id, b, again)
		}
		d := DistanceMeters(p, b)
		if d < BlurMinOffsetMeters || d > BlurMaxOffsetMeters {
			t.Errorf("%s: blurred %.0f m away, want %.0f-%.0f m", id, d, BlurMinOffsetMeters, BlurMaxOffsetMeters)
		}
		if !IsCellCentre(b) {
			t.Errorf("%s: %v is not a cell centre", id, b)
		}
		seen[b] = true
	}
	// The jitter moves records at one address to different cells around it (a 3×3 neighbourhood).
	if len(seen) < 4 || len(seen) > 16 {
		t.Errorf("got %d distinct blurred points for 500 records at one address, want 4-16", len(seen))
	}
}

func TestBlurDependsOnTheSecret(t *testing.T) {
	p := Point{Lon: 2.3831, Lat: 48.9146}
	differ := 0
	for i := 0; i < 50; i++ {
		id := fmt.Sprintf("u%d", i)
		if Blur(p, []byte("a"), id) != Blur(p, []byte("b"), id) {
			differ++
		}
	}
	if differ < 20 {
		t.Errorf("got %d of 50 records blurred the same under two secrets, want most to differ", 50-differ)
	}
}

func TestIsCellCentreRefusesTruePoints(t *testing.T) {
	if IsCellCentre(Point{Lon: 2.3596, Lat: 48.9356}) {
		t.Error("got a true address reported as a cell centre, want false (negative control)")
	}
}
