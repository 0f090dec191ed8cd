package main

import (
	"context"

	apimeta "k8s.io/apimachinery/pkg/api/meta"
	genericvalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/api/validation/path"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/apiserver/pkg/registry/rest"
)

// validateCreate is rest.BeforeCreate's validation before 1.37 (k8s.io/apiserver v0.29, v0.32, v0.36
// pkg/registry/rest/create.go, which has no separate ValidateCreate; at 1.36 the strategies that
// have declarative validation call it from their own Validate, and none of the kinds judged here
// does): the strategy's Validate, then, only when it passes, the common ObjectMeta checks.
func validateCreate(ctx context.Context, obj runtime.Object, strategy rest.RESTCreateStrategy) field.ErrorList {
	if errs := strategy.Validate(ctx, obj); len(errs) > 0 {
		return errs
	}
	objectMeta, err := apimeta.Accessor(obj)
	if err != nil {
		return field.ErrorList{field.InternalError(field.NewPath("metadata"), err)}
	}
	return genericvalidation.ValidateObjectMetaAccessor(objectMeta, strategy.NamespaceScoped(), path.ValidatePathSegmentName, field.NewPath("metadata"))
}
