// Command oracle says what the Kubernetes API server of one release would say when a client creates
// each object it reads: the differential oracle of issue 21, a test tool that is never shipped.
//
// Per object it follows the API server's create path (k8s.io/apiserver/pkg/endpoints/handlers/create.go
// and pkg/registry/rest/create.go): decode with the API server's codecs and scheme (strict, as for
// fieldValidation=Strict|Warn), which applies the release's registered v1 defaults and converts to the
// internal type; then the registry strategy's PrepareForCreate, Validate and declarative validation
// (validate.go: rest.ValidateCreate, or what BeforeCreate ran before it existed), with the
// release's feature-gate defaults; WarningsOnCreate separately.
// Not run: admission plugins and the Service REST storage's ClusterIP and NodePort allocators
// (their ranges are cluster flags); its clusterIP-to-clusterIPs sync on create is.
//
// Input: a YAML stream (documents separated by ---) read as kubectl reads it (sigs.k8s.io/yaml), or
// with --jsonl one JSON object per line. Output: one JSON line per object, in order.
// With --yaml-twin it only reads, as kubectl reads a file (yamlTwin), and prints the objects it finds.
//
// One source for every release: each module under oracle/k8s/ links this file and the validate_*.go
// that matches its release, and declares its Release in release.go.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"

	apimeta "k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
	"k8s.io/apiserver/pkg/registry/rest"
	"k8s.io/apiserver/pkg/warning"
	"k8s.io/klog/v2"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	_ "k8s.io/kubernetes/pkg/apis/apps/install"
	api "k8s.io/kubernetes/pkg/apis/core"
	_ "k8s.io/kubernetes/pkg/apis/core/install"
	_ "k8s.io/kubernetes/pkg/apis/networking/install"
	"k8s.io/kubernetes/pkg/registry/apps/daemonset"
	"k8s.io/kubernetes/pkg/registry/apps/deployment"
	"k8s.io/kubernetes/pkg/registry/apps/statefulset"
	"k8s.io/kubernetes/pkg/registry/core/pod"
	"k8s.io/kubernetes/pkg/registry/core/service"
	"k8s.io/kubernetes/pkg/registry/networking/ingress"
	"sigs.k8s.io/yaml"
)

type kindInfo struct {
	resource string
	strategy rest.RESTCreateStrategy
}

// The kinds the checker reads, by group and kind (any served version decodes).
var kinds = map[schema.GroupKind]kindInfo{
	{Group: "", Kind: "Service"}:                  {"services", service.Strategy},
	{Group: "", Kind: "Pod"}:                      {"pods", pod.Strategy},
	{Group: "apps", Kind: "Deployment"}:           {"deployments", deployment.Strategy},
	{Group: "apps", Kind: "StatefulSet"}:          {"statefulsets", statefulset.Strategy},
	{Group: "apps", Kind: "DaemonSet"}:            {"daemonsets", daemonset.Strategy},
	{Group: "networking.k8s.io", Kind: "Ingress"}: {"ingresses", ingress.Strategy},
}

type fieldError struct {
	Type   string `json:"type"`
	Field  string `json:"field"`
	Detail string `json:"detail"`
	Value  string `json:"value,omitempty"`
}

type verdict struct {
	Index       int          `json:"index"`
	Kind        string       `json:"kind,omitempty"`
	Name        string       `json:"name,omitempty"`
	Accepted    bool         `json:"accepted"`
	Errors      []fieldError `json:"errors"`
	StrictError []string     `json:"strictErrors"`
	Warnings    []string     `json:"warnings"`
	Dropped     []string     `json:"dropped"`
	Mutated     []string     `json:"mutated"`
	DecodeError string       `json:"decodeError,omitempty"`
	Unsupported bool         `json:"unsupported,omitempty"`
}

type warnings struct{ list []string }

func (w *warnings) AddWarning(agent, text string) { w.list = append(w.list, text) }

func main() {
	jsonl := flag.Bool("jsonl", false, "read one JSON object per line instead of a YAML stream")
	twin := flag.Bool("yaml-twin", false, "read stdin as kubectl reads a file and print its objects as JSON, nothing else (with --jsonl: one file per line, as a JSON string)")
	version := flag.Bool("version", false, "print the Kubernetes release and exit")
	fieldTable := flag.Bool("field-table", false, "print the JSON field names of each judged kind's v1 type, by Go type, and exit")
	flag.Parse()
	if *version {
		fmt.Println(Release)
		return
	}
	if *fieldTable {
		printFieldTable(os.Stdout)
		return
	}
	// declarative validation logs mismatches with handwritten validation through klog: keep stdout clean
	klog.SetOutput(io.Discard)
	klog.LogToStderr(false)

	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)

	if *twin {
		if err := yamlTwins(os.Stdin, *jsonl, enc); err != nil {
			out.Flush()
			fmt.Fprintln(os.Stderr, "oracle: reading input:", err)
			os.Exit(2)
		}
		return
	}

	docs := make(chan []byte)
	readErr := make(chan error, 1)
	go func() { readErr <- readDocs(os.Stdin, *jsonl, docs); close(docs) }()
	i := 0
	for doc := range docs {
		enc.Encode(judge(i, doc))
		i++
	}
	if err := <-readErr; err != nil {
		out.Flush()
		fmt.Fprintln(os.Stderr, "oracle: reading input:", err)
		os.Exit(2)
	}
}

// readDocs splits the input into documents: JSON lines, or YAML documents as kubectl splits them.
func readDocs(r io.Reader, jsonl bool, docs chan<- []byte) error {
	if jsonl {
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 1<<20), 1<<30)
		for sc.Scan() {
			line := bytes.TrimSpace(sc.Bytes())
			if len(line) == 0 {
				continue
			}
			docs <- append([]byte(nil), line...)
		}
		return sc.Err()
	}
	yr := utilyaml.NewYAMLReader(bufio.NewReader(r))
	for {
		doc, err := yr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if len(bytes.TrimSpace(doc)) == 0 {
			continue
		}
		docs <- doc
	}
}

// twinOut is what kubectl reads from one file: its objects in order (Lists flattened), and the
// error of each document it could not read (kubectl reports it and goes on with the others).
type twinOut struct {
	Index   int               `json:"index"`
	Objects []json.RawMessage `json:"objects"`
	Errors  []string          `json:"errors"`
}

// yamlTwins reads stdin as one file, or with jsonl one file per line (a JSON string), and
// prints what kubectl reads from each.
func yamlTwins(r io.Reader, jsonl bool, enc *json.Encoder) error {
	if !jsonl {
		text, err := io.ReadAll(r)
		if err != nil {
			return err
		}
		return enc.Encode(yamlTwin(0, text))
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<30)
	for i := 0; sc.Scan(); i++ {
		var text string
		if err := json.Unmarshal(sc.Bytes(), &text); err != nil {
			return fmt.Errorf("line %d is not a JSON string: %v", i+1, err)
		}
		if err := enc.Encode(yamlTwin(i, []byte(text))); err != nil {
			return err
		}
	}
	return sc.Err()
}

// yamlTwin reads one file as kubectl apply -f does (k8s.io/cli-runtime's StreamVisitor, then
// FlattenListVisitor): apimachinery's YAMLOrJSONDecoder into a RawExtension per document (a JSON
// stream when the first character that is not white space is '{', otherwise YAML documents
// decoded by sigs.k8s.io/yaml), empty and null documents skipped, each decoded by the
// unstructured JSON scheme (any object with an "items" key is a list), list items flattened.
// kubectl's next step, the REST mapping, needs a kind and an apiVersion: one missing is an error.
func yamlTwin(i int, text []byte) (out twinOut) {
	out = twinOut{Index: i, Objects: []json.RawMessage{}, Errors: []string{}}
	defer func() {
		if r := recover(); r != nil {
			out.Errors = append(out.Errors, fmt.Sprintf("oracle panic: %v", r))
		}
	}()
	d := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(text), 4096)
	for {
		ext := runtime.RawExtension{}
		if err := d.Decode(&ext); err != nil {
			if !errors.Is(err, io.EOF) {
				out.Errors = append(out.Errors, "error parsing: "+err.Error())
			}
			return
		}
		raw := bytes.TrimSpace(ext.Raw)
		if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
			continue
		}
		obj, _, err := unstructured.UnstructuredJSONScheme.Decode(raw, nil, nil)
		if err != nil {
			out.Errors = append(out.Errors, err.Error())
			continue
		}
		var objs []map[string]any
		if list, isList := obj.(*unstructured.UnstructuredList); isList {
			for _, item := range list.Items {
				objs = append(objs, item.Object)
			}
		} else {
			objs = append(objs, obj.(*unstructured.Unstructured).Object)
		}
		for _, o := range objs {
			u := unstructured.Unstructured{Object: o}
			if u.GetKind() == "" || u.GetAPIVersion() == "" {
				out.Errors = append(out.Errors, "an object without kind or apiVersion")
				continue
			}
			js, err := json.Marshal(o)
			if err != nil {
				out.Errors = append(out.Errors, err.Error())
				continue
			}
			out.Objects = append(out.Objects, js)
		}
	}
}

func judge(i int, doc []byte) (v verdict) {
	v = verdict{Index: i, Errors: []fieldError{}, StrictError: []string{}, Warnings: []string{}, Dropped: []string{}, Mutated: []string{}}
	defer func() {
		if r := recover(); r != nil {
			v.Accepted = false
			v.DecodeError = fmt.Sprintf("oracle panic: %v", r)
		}
	}()
	body, err := yaml.YAMLToJSON(doc) // what kubectl sends: JSON made from the YAML
	if err != nil {
		v.DecodeError = err.Error()
		return
	}
	var meta struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
	}
	if err := json.Unmarshal(body, &meta); err != nil {
		v.DecodeError = err.Error()
		return
	}
	v.Kind = meta.Kind
	gv, err := schema.ParseGroupVersion(meta.APIVersion)
	if err != nil {
		v.DecodeError = err.Error()
		return
	}
	info, ok := kinds[gv.WithKind(meta.Kind).GroupKind()]
	if !ok {
		v.Unsupported = true
		return
	}
	gvk := gv.WithKind(meta.Kind)
	if !legacyscheme.Scheme.Recognizes(gvk) {
		v.DecodeError = fmt.Sprintf("no kind %q is registered for version %q", meta.Kind, meta.APIVersion)
		return
	}

	// The create handler: the JSON serializer's strict twin, decoded to the hub (internal) version.
	var strict runtime.Serializer
	for _, mt := range legacyscheme.Codecs.SupportedMediaTypes() {
		if mt.MediaType == runtime.ContentTypeJSON {
			strict = mt.StrictSerializer
		}
	}
	hub := schema.GroupVersion{Group: gv.Group, Version: runtime.APIVersionInternal}
	decoder := legacyscheme.Codecs.DecoderToVersion(strict, hub)
	obj, _, err := decoder.Decode(body, &gvk, nil)
	if err != nil {
		if se, isStrict := runtime.AsStrictDecodingError(err); isStrict && obj != nil {
			for _, e := range se.Errors() {
				v.StrictError = append(v.StrictError, e.Error())
			}
		} else {
			v.DecodeError = err.Error()
			return
		}
	}

	accessor, err := apimeta.Accessor(obj)
	if err != nil {
		v.DecodeError = err.Error()
		return
	}
	// rest.FillObjectMetaSystemFields and the request namespace, as the handler sets them
	ns := accessor.GetNamespace()
	if ns == "" {
		ns = "default"
		accessor.SetNamespace(ns)
	}
	if accessor.GetName() == "" && accessor.GetGenerateName() != "" {
		accessor.SetName(info.strategy.GenerateName(accessor.GetGenerateName()))
	}
	rest.FillObjectMetaSystemFields(accessor)
	v.Name = accessor.GetName()

	w := &warnings{}
	ctx := genericapirequest.WithNamespace(context.Background(), ns)
	ctx = genericapirequest.WithRequestInfo(ctx, &genericapirequest.RequestInfo{
		IsResourceRequest: true, Verb: "create", APIGroup: gv.Group, APIVersion: gv.Version,
		Namespace: ns, Resource: info.resource, Name: accessor.GetName(),
	})
	ctx = warning.WithWarningRecorder(ctx, w)

	// The Service REST storage's beginCreate first syncs clusterIP into clusterIPs on create
	// (normalizeClusterIPs, pkg/registry/core/service/storage); its IP and NodePort allocators,
	// which depend on the cluster's flags, are not run.
	if svc, isSvc := obj.(*api.Service); isSvc && len(svc.Spec.ClusterIP) > 0 && len(svc.Spec.ClusterIPs) == 0 {
		svc.Spec.ClusterIPs = []string{svc.Spec.ClusterIP}
	}

	before := external(obj, gv)
	info.strategy.PrepareForCreate(ctx, obj)
	after := external(obj, gv)
	diff(before, after, "", &v.Dropped, &v.Mutated)

	for _, e := range validateCreate(ctx, obj, info.strategy) {
		v.Errors = append(v.Errors, toFieldError(e))
	}
	v.Accepted = len(v.Errors) == 0
	if v.Accepted {
		v.Warnings = append(v.Warnings, info.strategy.WarningsOnCreate(ctx, obj)...)
	}
	v.Warnings = append(v.Warnings, w.list...)
	return
}

func toFieldError(e *field.Error) fieldError {
	fe := fieldError{Type: string(e.Type), Field: e.Field, Detail: e.Detail}
	if e.BadValue != nil && e.Type != field.ErrorTypeRequired && e.Type != field.ErrorTypeInternal {
		fe.Value = fmt.Sprintf("%v", e.BadValue)
	}
	return fe
}

// external converts a copy of the internal object to the request's version as generic JSON.
func external(obj runtime.Object, gv schema.GroupVersion) map[string]any {
	ext, err := legacyscheme.Scheme.ConvertToVersion(obj.DeepCopyObject(), gv)
	if err != nil {
		return map[string]any{}
	}
	b, err := json.Marshal(ext)
	if err != nil {
		return map[string]any{}
	}
	var m map[string]any
	json.Unmarshal(b, &m)
	delete(m, "status")
	if md, ok := m["metadata"].(map[string]any); ok {
		delete(md, "generation")
	}
	return m
}

// diff lists the leaf paths present before and gone after (dropped), and those whose value changed
// or that appeared (mutated), in the checker's path notation: spec.ports[0].name.
func diff(a, b any, path string, dropped, mutated *[]string) {
	switch av := a.(type) {
	case map[string]any:
		bv, ok := b.(map[string]any)
		if !ok {
			if b == nil {
				*dropped = append(*dropped, path)
			} else {
				*mutated = append(*mutated, path)
			}
			return
		}
		keys := make([]string, 0, len(av)+len(bv))
		for k := range av {
			keys = append(keys, k)
		}
		for k := range bv {
			if _, in := av[k]; !in {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := k
			if path != "" {
				p = path + "." + k
			}
			bk, inB := bv[k]
			ak, inA := av[k]
			switch {
			case inA && !inB:
				*dropped = append(*dropped, p)
			case !inA && inB:
				*mutated = append(*mutated, p)
			default:
				diff(ak, bk, p, dropped, mutated)
			}
		}
	case []any:
		bv, ok := b.([]any)
		if !ok {
			if b == nil {
				*dropped = append(*dropped, path)
			} else {
				*mutated = append(*mutated, path)
			}
			return
		}
		for i := range av {
			p := path + "[" + strconv.Itoa(i) + "]"
			if i >= len(bv) {
				*dropped = append(*dropped, p)
				continue
			}
			diff(av[i], bv[i], p, dropped, mutated)
		}
		for i := len(av); i < len(bv); i++ {
			*mutated = append(*mutated, path+"["+strconv.Itoa(i)+"]")
		}
	default:
		if !reflect.DeepEqual(a, b) {
			if b == nil {
				*dropped = append(*dropped, path)
			} else {
				*mutated = append(*mutated, path)
			}
		}
	}
}

// The v1 version of each judged kind: the types the field table describes.
var tableVersions = map[string]schema.GroupVersionKind{
	"Service":     {Group: "", Version: "v1", Kind: "Service"},
	"Pod":         {Group: "", Version: "v1", Kind: "Pod"},
	"Deployment":  {Group: "apps", Version: "v1", Kind: "Deployment"},
	"StatefulSet": {Group: "apps", Version: "v1", Kind: "StatefulSet"},
	"DaemonSet":   {Group: "apps", Version: "v1", Kind: "DaemonSet"},
	"Ingress":     {Group: "networking.k8s.io", Version: "v1", Kind: "Ingress"},
}

// printFieldTable prints {"kinds": {kind: type}, "types": {type: {jsonName: type}}}: the fields
// the API server's strict JSON decoding knows, for the checker's unknown-field rule. A type
// decoded by its own UnmarshalJSON (IntOrString, Quantity, Time, RawExtension) and every
// non-struct, non-map, non-list type is "" (a leaf); a map with string keys is "{}" + its value
// type; a list is "[]" + its element type.
func printFieldTable(w io.Writer) {
	types := map[string]map[string]string{}
	roots := map[string]string{}
	for kind, gvk := range tableVersions {
		obj, err := legacyscheme.Scheme.New(gvk)
		if err != nil {
			fmt.Fprintln(os.Stderr, "oracle:", err)
			os.Exit(2)
		}
		roots[kind] = typeRef(reflect.TypeOf(obj), types)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	enc.Encode(map[string]any{"release": Release, "kinds": roots, "types": types})
}

var jsonUnmarshaler = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()

func typeRef(t reflect.Type, types map[string]map[string]string) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(jsonUnmarshaler) || t.Implements(jsonUnmarshaler) {
		return ""
	}
	switch t.Kind() {
	case reflect.Struct:
		name := t.PkgPath() + "." + t.Name()
		if _, seen := types[name]; !seen {
			fields := map[string]string{}
			types[name] = fields
			structFields(t, fields, types)
		}
		return name
	case reflect.Map:
		return "{}" + typeRef(t.Elem(), types)
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return "" // []byte: base64 text
		}
		return "[]" + typeRef(t.Elem(), types)
	default:
		return ""
	}
}

func structFields(t reflect.Type, fields map[string]string, types map[string]map[string]string) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		inline := f.Anonymous && name == "" || strings.Contains(","+opts+",", ",inline,")
		if inline {
			ft := f.Type
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				structFields(ft, fields, types)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fields[name] = typeRef(f.Type, types)
	}
}
