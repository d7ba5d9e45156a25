package daemon

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"go.uber.org/zap"

	"github.com/ranoviced/ranoviced/internal/policy"
)

// Prompt is one question to the novice: may this helper see the desktop?
type Prompt struct {
	ID         string
	Kind       string // localapi.PromptView or localapi.PromptControl
	Expert     string // the name the helper gave (expert blob NAME or RAEXPERT_NAME)
	From       string // the helper's address
	Invitation string // short invitation ID
	Asked      time.Time
	Deadline   time.Time
	Text       string // what the novice reads
}

// consents holds the prompts waiting for the novice. An answer comes from
// the control API, the desktop dialog or the timeout, whichever is first;
// the others are then ignored.
type consents struct {
	log    *zap.Logger
	dialog func(ctx context.Context, p Prompt, text string) (yes, answered bool) // nil: no dialog

	mu      sync.Mutex // guards next and pending
	next    int
	pending map[string]*pendingPrompt
}

type pendingPrompt struct {
	Prompt
	answer func(yes bool) // called once, outside mu
	timer  *time.Timer
	stop   context.CancelFunc // ends the dialog
}

func newConsents(log *zap.Logger) *consents {
	return &consents{log: log, pending: map[string]*pendingPrompt{}}
}

// ask registers p and calls answer exactly once: with the novice's reply,
// or false when timeout passes first. The returned cancel withdraws the
// prompt without calling answer (the helper left).
func (c *consents) ask(p Prompt, timeout time.Duration, text string, answer func(yes bool)) (cancel func()) {
	c.mu.Lock()
	c.next++
	p.ID = strconv.Itoa(c.next)
	p.Deadline = p.Asked.Add(timeout)
	p.Text = text
	ctx, stop := context.WithCancel(context.Background())
	pp := &pendingPrompt{Prompt: p, answer: answer, stop: stop}
	pp.timer = time.AfterFunc(timeout, func() {
		if c.resolve(p.ID, false) {
			c.log.Info("consent timed out: the helper is refused", zap.String("prompt", p.ID), zap.String("expert", p.Expert))
		}
	})
	c.pending[p.ID] = pp
	c.mu.Unlock()
	if c.dialog != nil {
		go func() {
			yes, answered := c.dialog(ctx, p, text)
			if answered && c.resolve(p.ID, yes) {
				c.log.Info("consent answered in the dialog", zap.String("prompt", p.ID), zap.Bool("yes", yes))
			}
		}()
	}
	return func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		if pp, ok := c.pending[p.ID]; ok {
			pp.timer.Stop()
			pp.stop()
			delete(c.pending, p.ID)
		}
	}
}

// resolve answers prompt id unless it was answered already; it reports
// whether it did.
func (c *consents) resolve(id string, yes bool) bool {
	c.mu.Lock()
	pp, ok := c.pending[id]
	if ok {
		delete(c.pending, id)
		pp.timer.Stop()
		pp.stop()
	}
	c.mu.Unlock()
	if ok {
		pp.answer(yes)
	}
	return ok
}

var errNoPrompt = errors.New("no such question is waiting")

// answerPrompt is the novice's reply through the control API; it returns
// the question's kind.
func (c *consents) answerPrompt(id string, yes bool) (string, error) {
	c.mu.Lock()
	pp, ok := c.pending[id]
	kind := ""
	if ok {
		kind = pp.Kind
	}
	c.mu.Unlock()
	if !ok || !c.resolve(id, yes) {
		return "", errNoPrompt
	}
	return kind, nil
}

// list returns the waiting prompts, oldest first.
func (c *consents) list() []Prompt {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]Prompt, 0, len(c.pending))
	for _, pp := range c.pending {
		out = append(out, pp.Prompt)
	}
	slices.SortFunc(out, func(a, b Prompt) int { return a.Asked.Compare(b.Asked) })
	return out
}

// zenityDialog asks with zenity on display when both exist; answered is
// false when no dialog could be shown or it was closed without a choice.
func zenityDialog(display string) func(ctx context.Context, p Prompt, text string) (bool, bool) {
	path, err := exec.LookPath("zenity")
	if err != nil || display == "" {
		return nil
	}
	return func(ctx context.Context, p Prompt, text string) (bool, bool) {
		secs := max(1, int(time.Until(p.Deadline).Seconds()))
		cmd := exec.CommandContext(ctx, path, "--question", "--title=Remote Assistance",
			"--ok-label=Allow", "--cancel-label=Refuse", "--timeout="+strconv.Itoa(secs), "--text="+text)
		cmd.Env = append(os.Environ(), "DISPLAY="+display)
		err := cmd.Run()
		var ee *exec.ExitError
		switch {
		case err == nil:
			return true, true
		case errors.As(err, &ee) && ee.ExitCode() == 1: // Refuse
			return false, true
		}
		return false, false // timeout (5), killed, or no display: other answers decide
	}
}

// unnamedExpert stands for the name of a helper who gave none.
const unnamedExpert = "A helper who gave no name"

// maxNameRunes bounds a helper's name as the novice sees it.
const maxNameRunes = 64

// displayName makes a name the helper chose fit to show the novice: no
// control or formatting characters (a newline could forge a line of the
// question, a bidi override could reverse it), no surrounding space, at
// most maxNameRunes characters.
func displayName(name string) string {
	var b strings.Builder
	n := 0
	for _, r := range strings.TrimSpace(name) {
		if n == maxNameRunes {
			b.WriteString("…")
			break
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError {
			r = '?'
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// controlText is what the novice reads when a helper asks for control.
func controlText(p Prompt, pol *policy.Remote) string {
	name := p.Expert
	if name == "" {
		name = unnamedExpert
	}
	head := fmt.Sprintf("%s (from %s, invitation %s) wants to control your keyboard and mouse.", name, p.From, p.Invitation)
	message := pol.Message
	if message == "" {
		message = "They will be able to do anything you can. Press " + pol.PanicKey + " at any time to take control back."
	}
	return head + "\n\n" + message
}

// promptText is what the novice reads.
func promptText(p Prompt, message string) string {
	name := p.Expert
	if name == "" {
		// A version 3 expert that sent no RAEXPERT_NAME, or a blob without
		// NAME: the sentence must still have a subject.
		name = unnamedExpert
	}
	head := fmt.Sprintf("%s (from %s, invitation %s) wants to see your screen.", name, p.From, p.Invitation)
	if message == "" {
		message = "Allow only someone you asked for help. They will see everything on your screen; you can stop sharing at any time."
	}
	return head + "\n\n" + message
}
