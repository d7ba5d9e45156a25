//go:build linux

package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"time"
)

// scenarioRow is one scenario's results, one per variant.
type scenarioRow struct {
	sc      scenario
	results []result
	viewers *result // ranoviced with several xfreerdp clients at once, or nil
}

// report is everything the table shows.
type report struct {
	cfg      config
	variants []variant
	rows     []scenarioRow
	machine  string
	versions string
	elapsed  time.Duration
}

// metric is one line of a scenario's block: how to show a result, and
// whether a ranoviced/FreeRDP ratio means anything for it.
type metric struct {
	name  string
	ratio bool
	// value returns the number (for the ratio) and its text; ok false
	// prints "-".
	value func(r result, v variant) (x float64, text string, ok bool)
}

func metrics() []metric {
	num := func(x float64, format string) (float64, string, bool) { return x, fmt.Sprintf(format, x), true }
	measured := func(r result) bool { return r.window > 0 }
	return []metric{
		{name: "server CPU (s)", ratio: true, value: func(r result, _ variant) (float64, string, bool) {
			if !measured(r) {
				return 0, "", false
			}
			return num(r.cpu.Seconds(), "%.2f")
		}},
		{name: "server CPU (% of one core)", value: func(r result, _ variant) (float64, string, bool) {
			if !measured(r) {
				return 0, "", false
			}
			return num(100*r.cpu.Seconds()/r.window.Seconds(), "%.1f%%")
		}},
		{name: "bytes sent (MB)", ratio: true, value: func(r result, _ variant) (float64, string, bool) {
			if !measured(r) {
				return 0, "", false
			}
			return num(float64(r.bytes)/1e6, "%.3f")
		}},
		{name: "frames delivered", ratio: true, value: func(r result, v variant) (float64, string, bool) {
			if !measured(r) || v.gfx {
				return 0, "", false
			}
			return num(float64(r.stream.Frames), "%.0f")
		}},
		{name: "graphics update PDUs", ratio: true, value: func(r result, v variant) (float64, string, bool) {
			if !measured(r) || v.gfx {
				return 0, "", false
			}
			return num(float64(r.stream.Updates), "%.0f")
		}},
		{name: "update kind", value: func(r result, v variant) (float64, string, bool) {
			if !measured(r) {
				return 0, "", false
			}
			return 0, updateKind(r.stream, v), true
		}},
		{name: "latency median (ms)", ratio: true, value: func(r result, _ variant) (float64, string, bool) {
			if len(r.lat) == 0 {
				return 0, "", false
			}
			return num(float64(percentile(r.lat, 0.5))/1e6, "%.1f")
		}},
		{name: "latency p90 (ms)", ratio: true, value: func(r result, _ variant) (float64, string, bool) {
			if len(r.lat) == 0 {
				return 0, "", false
			}
			return num(float64(percentile(r.lat, 0.9))/1e6, "%.1f")
		}},
		{name: "latency samples", value: func(r result, _ variant) (float64, string, bool) {
			if len(r.lat)+r.missed == 0 {
				return 0, "", false
			}
			text := fmt.Sprint(len(r.lat))
			if r.missed > 0 {
				text += fmt.Sprintf(" (+%d missed)", r.missed) // not shown within markerTimeout
			}
			return 0, text, true
		}},
		{name: "peak memory VmHWM (MB)", ratio: true, value: func(r result, _ variant) (float64, string, bool) {
			if r.peakRSS == 0 {
				return 0, "", false
			}
			return num(float64(r.peakRSS)/(1<<20), "%.1f")
		}},
	}
}

// updateKind names the graphics updates seen, so the table shows which
// path the server took (bitmap updates, surface commands, or the
// graphics pipeline) and whether it bulk-compressed them.
func updateKind(s streamStats, v variant) string {
	if v.gfx {
		return "gfx pipeline"
	}
	var kinds []string
	for _, k := range []struct {
		code int
		name string
	}{{fpBitmap, "bitmap"}, {fpSurfCmds, "surface cmds"}, {fpOrders, "orders"}} {
		if s.ByCode[k.code] > 0 {
			kinds = append(kinds, k.name)
		}
	}
	if s.SlowPath > 0 && s.Updates > s.ByCode[fpBitmap]+s.ByCode[fpSurfCmds]+s.ByCode[fpOrders] {
		kinds = append(kinds, "slow-path")
	}
	if len(kinds) == 0 {
		return "none"
	}
	text := strings.Join(kinds, "+")
	if s.Compressed > 0 {
		text += ", compressed"
	}
	return text
}

// failed reports whether any measurement failed.
func (rep *report) failed() bool {
	for _, row := range rep.rows {
		for _, r := range row.results {
			if len(r.errs) > 0 {
				return true
			}
		}
		if row.viewers != nil && len(row.viewers.errs) > 0 {
			return true
		}
	}
	return false
}

func (rep *report) print(w io.Writer) {
	cfg := rep.cfg
	fmt.Fprintln(w, "ranoviced vs FreeRDP's shadow server, same scenarios, same client (scripts/benchcompare)")
	fmt.Fprintf(w, "machine:  %s\n", rep.machine)
	fmt.Fprintf(w, "software: %s\n", rep.versions)
	fmt.Fprintf(w, "setup:    novice display Xvfb 1280x800x24; per scenario and server: %v measured with xfreerdp after a %v warm-up,\n", cfg.duration, cfg.warmup)
	fmt.Fprintf(w, "          then %v of latency markers (one every %v) with the Go test expert; total run time %v\n",
		cfg.latencyDuration, cfg.markerInterval, rep.elapsed.Round(time.Second))
	fmt.Fprintln(w)

	header := []string{"scenario", "metric"}
	for _, v := range rep.variants {
		header = append(header, v.name)
	}
	header = append(header, "ranoviced/freerdp")
	table := [][]string{header}
	ms := metrics()
	for _, row := range rep.rows {
		for i, m := range ms {
			line := []string{"", m.name}
			if i == 0 {
				line[0] = row.sc.title
			}
			var xs []float64
			var oks []bool
			for j, r := range row.results {
				x, text, ok := m.value(r, rep.variants[j])
				if !ok {
					text = "-"
					if len(r.errs) > 0 {
						text = "FAILED"
					}
				}
				line = append(line, text)
				xs, oks = append(xs, x), append(oks, ok)
			}
			ratio := ""
			if m.ratio && len(xs) >= 2 && oks[0] && oks[1] && xs[1] != 0 {
				ratio = fmt.Sprintf("%.2f", xs[0]/xs[1])
			}
			table = append(table, append(line, ratio))
		}
		table = append(table, nil) // a blank line between scenarios
	}
	writeTable(w, table)

	fmt.Fprintln(w, "Targets (issue 6, reported, not asserted): ranoviced/freerdp CPU <= 0.5, bytes <= 1.0, frames >= 1.0,")
	fmt.Fprintln(w, "latency median <= 1.0; idle under 1% of one core.")
	fmt.Fprintln(w)
	for _, row := range rep.rows {
		if row.viewers == nil || len(row.results) == 0 {
			continue
		}
		one, many := row.results[0], *row.viewers
		if len(one.errs) > 0 || len(many.errs) > 0 || one.cpu <= 0 {
			continue
		}
		fmt.Fprintf(w, "Many viewers (%s, ranoviced): %d xfreerdp clients at once %.2f s CPU, %d frames to the first;"+
			" one client %.2f s, %d frames: ratio %.2f (target under 1.5)\n",
			row.sc.title, rep.cfg.viewers, many.cpu.Seconds(), many.stream.Frames, one.cpu.Seconds(), one.stream.Frames,
			many.cpu.Seconds()/one.cpu.Seconds())
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "How each number is taken:")
	for _, s := range []string{
		"server CPU: utime+stime of the server process (/proc/PID/stat) over the xfreerdp window.",
		"bytes sent: TCP payload the server wrote (TLS included), counted by a relay between client and server.",
		fmt.Sprintf("frames delivered: bursts of graphics updates seen by the relay (a gap over %v starts a new frame; neither server", cfg.frameGap),
		"  marks frames on the bitmap path); graphics update PDUs: every complete bitmap/surface/order update.",
		"latency: marker colour change on the novice display (after the X server did it) until the Go test expert's",
		"  framebuffer shows it; the expert connects directly, without the relay. Median and 90th percentile;",
		fmt.Sprintf("  a marker not shown within %v counts as missed.", markerTimeout),
		"peak memory: VmHWM of the server process after the xfreerdp window.",
		"client: xfreerdp /sec:tls -gfx /size:1280x800 (bitmap updates; FreeRDP's bitmap path) for both servers;",
		"  to ranoviced as a Remote Assistance helper: an invitation file and its password (/assistance),",
		"  the password proof on remdesk and the novice's yes (ranoviced answer) before the desktop shows;",
		"  to FreeRDP's shadow server as a plain client (-auth: no authentication).",
	} {
		fmt.Fprintln(w, "  "+s)
	}
	if rep.cfg.freerdpDefault {
		fmt.Fprintln(w, "  freerdp-gfx: FreeRDP with xfreerdp's default graphics pipeline (H.264 where available); no frames or latency.")
	}

	var problems, notes []string
	for _, row := range rep.rows {
		if row.viewers != nil {
			for _, err := range row.viewers.errs {
				problems = append(problems, fmt.Sprintf("%s / %d viewers: %v", row.sc.name, rep.cfg.viewers, err))
			}
		}
		for j, r := range row.results {
			for _, err := range r.errs {
				problems = append(problems, fmt.Sprintf("%s / %s: %v", row.sc.name, rep.variants[j].name, err))
			}
			for _, n := range r.notes {
				notes = append(notes, fmt.Sprintf("%s / %s: %s", row.sc.name, rep.variants[j].name, n))
			}
		}
	}
	if len(notes) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Notes:")
		for _, n := range notes {
			fmt.Fprintln(w, "  "+n)
		}
	}
	if len(problems) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "FAILED measurements:")
		for _, p := range problems {
			fmt.Fprintln(w, "  "+strings.ReplaceAll(p, "\n", "\n    "))
		}
	}
}

// writeTable prints rows with aligned columns: the first two left-aligned,
// the numbers right-aligned. A nil row is a blank line.
func writeTable(w io.Writer, rows [][]string) {
	var widths []int
	for _, row := range rows {
		for i, cell := range row {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], len(cell))
		}
	}
	for _, row := range rows {
		var b strings.Builder
		for i, cell := range row {
			if i > 0 {
				b.WriteString("  ")
			}
			if i < 2 {
				fmt.Fprintf(&b, "%-*s", widths[i], cell)
			} else {
				fmt.Fprintf(&b, "%*s", widths[i], cell)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// machine describes the CPU, the number of logical CPUs and the kernel.
func machine() string {
	model := "unknown CPU"
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
		f.Close()
	}
	kernel := ""
	var u syscall.Utsname
	if syscall.Uname(&u) == nil {
		var b strings.Builder
		for _, c := range u.Release {
			if c == 0 {
				break
			}
			b.WriteByte(byte(c))
		}
		kernel = ", Linux " + b.String()
	}
	return fmt.Sprintf("%s, %d logical CPUs%s", model, runtime.NumCPU(), kernel)
}

// versions names what is compared: FreeRDP's server and client versions
// as they report them, and the ranoviced tree.
func versions(display string) string {
	re := regexp.MustCompile(`version (\S+)`)
	ask := func(env []string, argv ...string) string {
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Env = env
		out, _ := cmd.CombinedOutput()
		if m := re.FindSubmatch(out); m != nil {
			return string(m[1])
		}
		return "?"
	}
	shadow := ask(nil, "freerdp-shadow-cli", "/version")
	client := ask(append(os.Environ(), "DISPLAY="+display), "xfreerdp", "/version")
	tree := "this tree"
	if out, err := exec.Command("git", "describe", "--always", "--dirty").Output(); err == nil {
		tree = "git " + strings.TrimSpace(string(out))
	}
	return fmt.Sprintf("ranoviced (%s, %s); freerdp-shadow-cli %s -auth /sec:tls; xfreerdp %s", tree, runtime.Version(), shadow, client)
}
