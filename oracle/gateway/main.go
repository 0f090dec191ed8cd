// Command gateway-oracle says what a Kubernetes API server (apiextensions-apiserver v0.37.2) would
// say when a client creates each Gateway API object it reads, with the standard-channel CRDs of one
// Gateway API bundle installed: the Gateway API oracle of issue 22, a test tool that is never shipped.
//
// The CRDs are read from the sigs.k8s.io/gateway-api module itself (config/crd/standard/*.yaml in the
// module cache; oracle/build.sh downloads each bundle with `go mod download`), never from our tree.
//
// Per object it follows the custom resource create path of k8s.io/apiextensions-apiserver
// (pkg/apiserver/customresource_handler.go and pkg/registry/customresource/strategy.go):
//  1. decode as unstructured JSON; the served version of the CRD for the object's apiVersion;
//  2. prune to the structural schema, reporting the pruned (unknown) fields, as kubectl's default
//     fieldValidation=Strict does; drop non-nullable nulls; coerce metadata (schemaobjectmeta);
//  3. apply the schema defaults (structuraldefaulting.Default);
//  4. the strategy's PrepareForCreate, and rest.BeforeCreate with customresource.NewStrategy: type
//     meta, object meta, OpenAPI schema validation, embedded resources, list-type invariants, and the
//     CEL rules (x-kubernetes-validations) with the API server's per-call limit and runtime cost budget.
//
// Input: a YAML stream, or with --jsonl one JSON object per line. Output: one JSON line per object,
// in order, in the JSON of the Kubernetes oracle (oracle/k8s/common/main.go).
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	apiextensionshelpers "k8s.io/apiextensions-apiserver/pkg/apihelpers"
	apiextensionsinternal "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	structuraldefaulting "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting"
	schemaobjectmeta "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/objectmeta"
	structuralpruning "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning"
	apiservervalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	"k8s.io/apiextensions-apiserver/pkg/registry/customresource"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
	"k8s.io/apiserver/pkg/registry/rest"
	"k8s.io/apiserver/pkg/storage/names"
	"k8s.io/klog/v2"
	"sigs.k8s.io/yaml"
)

// Release is the apiextensions-apiserver release this oracle links.
const Release = "1.37.2"

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

// served is one served version of one CRD: what the API server builds for it.
type served struct {
	namespaced bool
	structural *structuralschema.Structural
	strategy   rest.RESTCreateStrategy
}

// typer names an unstructured object's kind as it says it (the CR handler's unstructuredObjectTyper).
type typer struct{}

func (typer) ObjectKinds(obj runtime.Object) ([]schema.GroupVersionKind, bool, error) {
	return []schema.GroupVersionKind{obj.GetObjectKind().GroupVersionKind()}, false, nil
}
func (typer) Recognizes(schema.GroupVersionKind) bool { return true }

func main() {
	jsonl := flag.Bool("jsonl", false, "read one JSON object per line instead of a YAML stream")
	crdDir := flag.String("crds", "", "directory of the bundle's standard-channel CRD YAML files")
	version := flag.Bool("version", false, "print the apiextensions-apiserver release and exit")
	listKinds := flag.Bool("kinds", false, "print the served group/version kinds of the bundle and exit")
	flag.Parse()
	if *version {
		fmt.Println(Release)
		return
	}
	klog.SetOutput(io.Discard)
	klog.LogToStderr(false)
	if *crdDir == "" {
		fmt.Fprintln(os.Stderr, "gateway-oracle: --crds DIR is required")
		os.Exit(2)
	}
	crds, err := loadCRDs(*crdDir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gateway-oracle:", err)
		os.Exit(2)
	}
	if *listKinds {
		names := make([]string, 0, len(crds))
		for gvk := range crds {
			names = append(names, gvk.GroupVersion().String()+" "+gvk.Kind)
		}
		sort.Strings(names)
		fmt.Println(strings.Join(names, "\n"))
		return
	}

	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	docs := make(chan []byte)
	readErr := make(chan error, 1)
	go func() { readErr <- readDocs(os.Stdin, *jsonl, docs); close(docs) }()
	i := 0
	for doc := range docs {
		enc.Encode(judge(crds, i, doc))
		i++
	}
	if err := <-readErr; err != nil {
		out.Flush()
		fmt.Fprintln(os.Stderr, "gateway-oracle: reading input:", err)
		os.Exit(2)
	}
}

// loadCRDs builds, for every served version of every CRD in dir, what the CR handler builds.
func loadCRDs(dir string) (map[schema.GroupVersionKind]*served, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no CRD YAML under %s", dir)
	}
	out := map[schema.GroupVersionKind]*served{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		// a bundle also holds other objects (v1.5+: a ValidatingAdmissionPolicy on CRD upgrades,
		// which judges CRDs, not Gateway API objects): only CustomResourceDefinitions are read
		yr := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
		for {
			doc, err := yr.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			var head struct{ Kind string }
			if err := yaml.Unmarshal(doc, &head); err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			if head.Kind != "CustomResourceDefinition" {
				continue
			}
			crd := &apiextensionsv1.CustomResourceDefinition{}
			if err := yaml.UnmarshalStrict(doc, crd); err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			if err := addCRD(out, crd); err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
		}
	}
	return out, nil
}

// addCRD adds what the CR handler builds for each served version of crd.
func addCRD(out map[schema.GroupVersionKind]*served, crd *apiextensionsv1.CustomResourceDefinition) error {
	{
		for _, v := range crd.Spec.Versions {
			if !v.Served {
				continue
			}
			val, err := apiextensionshelpers.GetSchemaForVersion(crd, v.Name)
			if err != nil || val == nil {
				return fmt.Errorf("%s %s: no schema (%v)", crd.Name, v.Name, err)
			}
			internal := &apiextensionsinternal.CustomResourceValidation{}
			if err := apiextensionsv1.Convert_v1_CustomResourceValidation_To_apiextensions_CustomResourceValidation(val, internal, nil); err != nil {
				return err
			}
			s, err := structuralschema.NewStructural(internal.OpenAPIV3Schema)
			if err != nil {
				return fmt.Errorf("%s %s: not structural: %w", crd.Name, v.Name, err)
			}
			s = s.DeepCopy()
			if err := structuraldefaulting.PruneDefaults(s); err != nil {
				return err
			}
			validator, _, err := apiservervalidation.NewSchemaValidator(internal.OpenAPIV3Schema)
			if err != nil {
				return err
			}
			var statusSpec *apiextensionsinternal.CustomResourceSubresourceStatus
			var statusValidator apiservervalidation.SchemaValidator
			if sub, _ := apiextensionshelpers.GetSubresourcesForVersion(crd, v.Name); sub != nil && sub.Status != nil {
				statusSpec = &apiextensionsinternal.CustomResourceSubresourceStatus{}
				if st, ok := internal.OpenAPIV3Schema.Properties["status"]; ok {
					statusValidator, _, err = apiservervalidation.NewSchemaValidator(&st)
					if err != nil {
						return err
					}
				}
			}
			gvk := schema.GroupVersionKind{Group: crd.Spec.Group, Version: v.Name, Kind: crd.Spec.Names.Kind}
			strategy := customresource.NewStrategy(typer{}, crd.Spec.Scope == apiextensionsv1.NamespaceScoped, gvk,
				validator, statusValidator, s, statusSpec, nil, v.SelectableFields)
			out[gvk] = &served{namespaced: crd.Spec.Scope == apiextensionsv1.NamespaceScoped, structural: s, strategy: strategy}
		}
	}
	return nil
}

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
		j, err := yaml.YAMLToJSON(doc)
		if err != nil {
			return err
		}
		if string(j) == "null" {
			continue
		}
		docs <- j
	}
}

func judge(crds map[schema.GroupVersionKind]*served, i int, doc []byte) (v verdict) {
	v = verdict{Index: i, Errors: []fieldError{}, StrictError: []string{}, Warnings: []string{}, Dropped: []string{}, Mutated: []string{}}
	defer func() {
		if r := recover(); r != nil {
			if os.Getenv("ORACLE_PANIC") != "" {
				panic(r)
			}
			v.Accepted = false
			v.DecodeError = fmt.Sprintf("panic: %v", r)
		}
	}()
	obj, _, err := unstructured.UnstructuredJSONScheme.Decode(doc, nil, nil)
	if err != nil {
		v.DecodeError = err.Error()
		return v
	}
	u, ok := obj.(*unstructured.Unstructured)
	if !ok {
		v.DecodeError = fmt.Sprintf("not one object: %T", obj)
		return v
	}
	gvk := u.GroupVersionKind()
	v.Kind = gvk.Kind
	v.Name = u.GetName()
	crd, ok := crds[gvk]
	if !ok {
		v.Unsupported = true
		v.DecodeError = fmt.Sprintf("no served %s in this bundle", gvk.String())
		return v
	}
	// the CR handler's schema coercer: prune, drop non-nullable nulls, coerce metadata
	unknown, err := coerce(u, crd.structural)
	if err != nil {
		v.DecodeError = err.Error()
		return v
	}
	for _, p := range unknown {
		v.StrictError = append(v.StrictError, fmt.Sprintf("unknown field %q", p))
	}
	before := u.DeepCopy()
	structuraldefaulting.Default(u.Object, crd.structural)
	v.Mutated = append([]string{}, diffPaths("", before.Object, u.Object, nil)...)

	ctx := genericapirequest.WithNamespace(genericapirequest.NewContext(), "")
	if crd.namespaced {
		ns := u.GetNamespace()
		if ns == "" {
			ns = "default" // kubectl's namespace when the manifest names none
			u.SetNamespace(ns)
		}
		ctx = genericapirequest.WithNamespace(ctx, ns)
	}
	if u.GetName() == "" && u.GetGenerateName() != "" {
		// the create handler names it first (rest.BeforeCreate insists): SimpleNameGenerator cuts the
		// prefix to MaxGeneratedNameLength (58) and appends five random characters of its alphabet;
		// fixed ones here, so verdicts are reproducible
		base := u.GetGenerateName()
		if len(base) > names.MaxGeneratedNameLength {
			base = base[:names.MaxGeneratedNameLength]
		}
		u.SetName(base + "bcdfg")
	}
	rest.FillObjectMetaSystemFields(u) // the create handler's uid and creationTimestamp
	if err := rest.BeforeCreate(crd.strategy, ctx, u); err != nil {
		var status apierrors.APIStatus
		if errors.As(err, &status) && status.Status().Details != nil && len(status.Status().Details.Causes) > 0 {
			for _, c := range status.Status().Details.Causes {
				v.Errors = append(v.Errors, fieldError{Type: string(c.Type), Field: c.Field, Detail: c.Message})
			}
		} else {
			v.Errors = append(v.Errors, fieldError{Type: "Invalid", Field: "", Detail: err.Error()})
		}
	}
	// only what the client sent: defaulting may add a status (conditions) that PrepareForCreate drops again
	v.Dropped = droppedPaths("", before.Object, u.Object)
	v.Warnings = append(v.Warnings, crd.strategy.WarningsOnCreate(ctx, u)...)
	v.Accepted = len(v.Errors) == 0
	return v
}

// coerce is unstructuredSchemaCoercer.apply of customresource_handler.go with
// returnUnknownFieldPaths (fieldValidation=Strict|Warn) and without dropping invalid metadata.
func coerce(u *unstructured.Unstructured, s *structuralschema.Structural) ([]string, error) {
	kind, foundKind, _ := unstructured.NestedString(u.Object, "kind")
	apiVersion, foundAPIVersion, _ := unstructured.NestedString(u.Object, "apiVersion")
	objectMeta, foundObjectMeta, unknown, err := schemaobjectmeta.GetObjectMetaWithOptions(u.Object, schemaobjectmeta.ObjectMetaOptions{ReturnUnknownFieldPaths: true})
	if err != nil {
		return nil, err
	}
	unknown = append(unknown, structuralpruning.PruneWithOptions(u.Object, s, true, structuralschema.UnknownFieldPathOptions{TrackUnknownFieldPaths: true})...)
	structuraldefaulting.PruneNonNullableNullsWithoutDefaults(u.Object, s)
	ferr, paths := schemaobjectmeta.CoerceWithOptions(nil, u.Object, s, false, schemaobjectmeta.CoerceOptions{ReturnUnknownFieldPaths: true})
	if ferr != nil {
		return nil, ferr
	}
	unknown = append(unknown, paths...)
	if foundKind {
		u.SetKind(kind)
	}
	if foundAPIVersion {
		u.SetAPIVersion(apiVersion)
	}
	if foundObjectMeta {
		if err := schemaobjectmeta.SetObjectMeta(u.Object, objectMeta); err != nil {
			return nil, err
		}
	}
	sort.Strings(unknown)
	return unknown, nil
}

// diffPaths lists the paths whose value defaulting set (present after, absent or different before).
func diffPaths(prefix string, before, after interface{}, out []string) []string {
	am, aok := after.(map[string]interface{})
	bm, bok := before.(map[string]interface{})
	if aok && bok {
		keys := make([]string, 0, len(am))
		for k := range am {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := join(prefix, k)
			if bv, ok := bm[k]; ok {
				out = diffPaths(p, bv, am[k], out)
			} else {
				out = append(out, p)
			}
		}
		return out
	}
	al, aok := after.([]interface{})
	bl, bok := before.([]interface{})
	if aok && bok && len(al) == len(bl) {
		for i := range al {
			out = diffPaths(fmt.Sprintf("%s[%d]", prefix, i), bl[i], al[i], out)
		}
		return out
	}
	if b, _ := json.Marshal(before); true {
		if a, _ := json.Marshal(after); !bytes.Equal(a, b) {
			out = append(out, prefix)
		}
	}
	return out
}

// droppedPaths lists the paths present before PrepareForCreate and gone after (status on create).
func droppedPaths(prefix string, before, after map[string]interface{}) []string {
	out := []string{}
	for k := range before {
		if k == "metadata" {
			continue
		}
		if _, ok := after[k]; !ok {
			out = append(out, join(prefix, k))
		}
	}
	sort.Strings(out)
	return out
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}
