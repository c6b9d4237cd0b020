{{/* The chart name, shortened to the 63 characters a label value allows. */}}
{{- define "pi-orleans.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The prefix of every object name: the release name, unless it lacks the chart name. */}}
{{- define "pi-orleans.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Labels on every object. */}}
{{- define "pi-orleans.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "pi-orleans.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: {{ include "pi-orleans.name" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Selector labels of one component: pass (dict "root" $ "component" "silo"). */}}
{{- define "pi-orleans.selectorLabels" -}}
app.kubernetes.io/name: {{ include "pi-orleans.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Labels of one component's objects and pods. */}}
{{- define "pi-orleans.componentLabels" -}}
{{ include "pi-orleans.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* The Orleans Kubernetes hosting labels: identical on every silo pod template (front and workers). */}}
{{- define "pi-orleans.orleansLabels" -}}
orleans/serviceId: {{ .Values.orleans.serviceId | quote }}
orleans/clusterId: {{ .Values.orleans.clusterId | quote }}
{{- end }}

{{/* Selects every silo pod of this release, front and workers, and nothing else. */}}
{{- define "pi-orleans.siloSelectorLabels" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
{{ include "pi-orleans.orleansLabels" . }}
{{- end }}

{{/* The ServiceAccount (and Role) of one silo role: pass (dict "root" $ "component" "api"|"silo"). */}}
{{- define "pi-orleans.serviceAccountName" -}}
{{- printf "%s-%s" (include "pi-orleans.fullname" .root) .component }}
{{- end }}

{{/* Whether helm talks to a cluster (install/upgrade): lookup answers nothing in `helm template` and `helm lint`. */}}
{{- define "pi-orleans.online" -}}
{{- if lookup "v1" "Namespace" "" "kube-system" }}true{{ end }}
{{- end }}

{{/* Fails an online install when a Secret the values name does not exist: pass (dict "root" $ "name" "..." "key" "..." "what" "..."). */}}
{{- define "pi-orleans.requireSecret" -}}
{{- if include "pi-orleans.online" .root }}
{{- $s := lookup "v1" "Secret" .root.Release.Namespace .name }}
{{- if not $s }}
{{- fail (printf "%s: the Secret %s does not exist in namespace %s. Create it first: kubectl -n %s create secret generic %s --from-literal=%s=\"$(openssl rand -hex 32)\"" .what .name .root.Release.Namespace .root.Release.Namespace .name .key) }}
{{- end }}
{{- if not (hasKey ($s.data | default dict) .key) }}
{{- fail (printf "%s: the Secret %s has no data key %s" .what .name .key) }}
{{- end }}
{{- end }}
{{- end }}

{{/*
A generated secret value kept across upgrades: the value already in the Secret .name under .key when it exists, else a new random
one. Pass (dict "root" $ "name" "..." "key" "..." "length" 32). Returns it base64-encoded, as Secret data.
*/}}
{{- define "pi-orleans.generatedSecretData" -}}
{{- $existing := lookup "v1" "Secret" .root.Release.Namespace .name }}
{{- if and $existing $existing.data (hasKey $existing.data .key) }}
{{- index $existing.data .key }}
{{- else }}
{{- randAlphaNum (int .length) | b64enc }}
{{- end }}
{{- end }}

{{- define "pi-orleans.redisName" -}}
{{- printf "%s-redis" (include "pi-orleans.fullname" .) }}
{{- end }}

{{- define "pi-orleans.redisSecretName" -}}
{{- default (include "pi-orleans.redisName" .) .Values.redis.auth.existingSecret }}
{{- end }}

{{/* A pinned image reference: pass (dict "root" $ "image" .Values.api.image). */}}
{{- define "pi-orleans.image" -}}
{{- if and .root.Values.image.requireRegistry (not .root.Values.image.registry) }}
{{- fail "image.registry is required with these values (image.requireRegistry): --set image.registry=<your-registry>/ (with the trailing slash)" }}
{{- end }}
{{- $tag := default .root.Values.image.tag .image.tag | toString }}
{{- if or (not $tag) (eq $tag "latest") }}
{{- fail (printf "%s needs a pinned image tag, not %q" .image.repository $tag) }}
{{- end }}
{{- printf "%s%s:%s" .root.Values.image.registry .image.repository $tag }}
{{- end }}

{{/* Fails the render when the grace period does not cover the preStop sleep plus the host shutdown timeout. */}}
{{- define "pi-orleans.checkShutdown" -}}
{{- $s := .Values.shutdown }}
{{- if le (int $s.terminationGracePeriodSeconds) (add $s.timeoutSeconds $s.preStopSleepSeconds | int) }}
{{- fail (printf "shutdown.terminationGracePeriodSeconds (%v) must exceed shutdown.timeoutSeconds + shutdown.preStopSleepSeconds (%v)" $s.terminationGracePeriodSeconds (add $s.timeoutSeconds $s.preStopSleepSeconds)) }}
{{- end }}
{{- end }}

{{/* The worker autoscaler: "cpu" (the chart's HPA), "keda" (a KEDA ScaledObject) or "" when autoscaling is off; fails on anything else. */}}
{{- define "pi-orleans.autoscalingMode" -}}
{{- $a := .Values.silo.autoscaling }}
{{- if $a.enabled }}
{{- $mode := default "cpu" $a.mode | toString }}
{{- if not (has $mode (list "cpu" "keda")) }}
{{- fail (printf "silo.autoscaling.mode must be cpu or keda, not %q" $mode) }}
{{- end }}
{{- $mode }}
{{- end }}
{{- end }}

{{/*
The name of the worker autoscaler: the chart's HPA in mode cpu, and the HPA KEDA creates in mode keda (the ScaledObject names it so).
The Api reads it as Kubernetes__HpaName for GET /api/k8s/status.
*/}}
{{- define "pi-orleans.workerAutoscalerName" -}}
{{- printf "%s-silo" (include "pi-orleans.fullname" .) }}
{{- end }}

{{/* The Secret that holds the Api's keys: auth.existingSecret, or the one this chart creates. */}}
{{- define "pi-orleans.apiKeysSecretName" -}}
{{- default (printf "%s-api-keys" (include "pi-orleans.fullname" .)) .Values.auth.existingSecret }}
{{- end }}

{{/*
The data keys of the API-key Secret, in order (index i becomes Auth__ApiKeys__i), as a JSON list. The chart's own Secret holds
api-key-0, api-key-1, ... for auth.apiKeys; an existing Secret is read at auth.existingSecretKeys. Fails when there is no key, because
the Api refuses to start in Redis mode without one.
*/}}
{{- define "pi-orleans.apiKeySecretKeys" -}}
{{- $a := .Values.auth }}
{{- $keys := list }}
{{- if $a.existingSecret }}
{{- $keys = $a.existingSecretKeys | default list }}
{{- if not $keys }}
{{- fail "auth.existingSecretKeys must name at least one data key of auth.existingSecret: the Api refuses to start without an API key" }}
{{- end }}
{{- else if not $a.apiKeys }}
{{- $keys = list "api-key-0" }}
{{- else }}
{{- range $i, $key := $a.apiKeys }}
{{- if not (toString $key | trim) }}
{{- fail (printf "auth.apiKeys[%d] is empty" $i) }}
{{- end }}
{{- $keys = append $keys (printf "api-key-%d" $i) }}
{{- end }}
{{- end }}
{{- toJson $keys }}
{{- end }}

{{- define "pi-orleans.backupName" -}}
{{- printf "%s-redis-backup" (include "pi-orleans.fullname" .) }}
{{- end }}
