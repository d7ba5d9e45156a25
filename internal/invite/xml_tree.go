package invite

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// element is one XML element of a strictly parsed document: its local
// name, its attributes (unique, no namespaces) and its child elements.
type element struct {
	name     string
	attrs    []xml.Attr
	children []*element
}

// maxDepth bounds element nesting; the deepest format here (Connection
// String 2: E, C, T, L) has four levels.
const maxDepth = 8

// parseTree parses s as one XML document with encoding/xml in strict mode.
// It accepts only elements, attributes and whitespace between elements,
// plus, when decl is true, an XML declaration as the very first token.
// Comments, processing instructions, DOCTYPE and other directives,
// non-whitespace text, namespaces and duplicate attributes are errors, so
// no entity other than XML's own five and character references is ever
// expanded. s must already be size-limited by the caller.
func parseTree(s string, decl bool) (*element, error) {
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = true
	var (
		root  *element
		stack []*element
		first = true
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("malformed XML: %w", err)
		}
		isFirst := first
		first = false
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != "" {
				return nil, fmt.Errorf("element <%s> has a namespace", t.Name.Local)
			}
			if len(stack) == 0 && root != nil {
				return nil, errors.New("more than one root element")
			}
			if len(stack) >= maxDepth {
				return nil, errors.New("elements nested too deeply")
			}
			e := &element{name: t.Name.Local}
			for _, a := range t.Attr {
				if a.Name.Space != "" || a.Name.Local == "xmlns" {
					return nil, fmt.Errorf("<%s>: namespace attribute", e.name)
				}
				if _, ok := e.attr(a.Name.Local); ok {
					return nil, fmt.Errorf("<%s>: duplicate attribute %s", e.name, a.Name.Local)
				}
				e.attrs = append(e.attrs, xml.Attr{Name: xml.Name{Local: a.Name.Local}, Value: a.Value})
			}
			if len(stack) == 0 {
				root = e
			} else {
				p := stack[len(stack)-1]
				p.children = append(p.children, e)
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1] // the decoder checks that tags match
		case xml.CharData:
			if strings.Trim(string(t), " \t\r\n") != "" {
				return nil, errors.New("text outside attributes")
			}
		case xml.ProcInst:
			if !decl || !isFirst || t.Target != "xml" {
				return nil, fmt.Errorf("unexpected processing instruction <?%s?>", t.Target)
			}
		case xml.Comment:
			return nil, errors.New("unexpected comment")
		case xml.Directive:
			return nil, errors.New("unexpected directive (DOCTYPE)")
		default:
			return nil, fmt.Errorf("unexpected XML token %T", tok)
		}
	}
	if root == nil {
		return nil, errors.New("no root element")
	}
	return root, nil
}

// attr returns the value of the attribute named name.
func (e *element) attr(name string) (string, bool) {
	for _, a := range e.attrs {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// checkAttrs reports an attribute of e that is neither required nor
// optional, or a required one that is missing.
func (e *element) checkAttrs(required, optional []string) error {
	for _, name := range required {
		if _, ok := e.attr(name); !ok {
			return fmt.Errorf("<%s>: missing attribute %s", e.name, name)
		}
	}
next:
	for _, a := range e.attrs {
		for _, name := range required {
			if a.Name.Local == name {
				continue next
			}
		}
		for _, name := range optional {
			if a.Name.Local == name {
				continue next
			}
		}
		return fmt.Errorf("<%s>: unknown attribute %s", e.name, a.Name.Local)
	}
	return nil
}
