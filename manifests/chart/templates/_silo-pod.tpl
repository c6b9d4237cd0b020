{{/*
The pod template of a silo Deployment, shared by the front (api) and the workers (silo) because both are Orleans silos
with the Kubernetes hosting package: same labels, env, probes, security and shutdown.
Pass (dict "root" $ "component" "silo" "values" .Values.silo).
*/}}
{{- define "pi-orleans.siloPodTemplate" -}}
{{- $root := .root }}
{{- $v := .values }}
{{- $fullname := include "pi-orleans.fullname" $root }}
{{- include "pi-orleans.checkShutdown" $root }}
metadata:
  labels:
    {{- include "pi-orleans.componentLabels" . | nindent 4 }}
    {{- include "pi-orleans.orleansLabels" $root | nindent 4 }}
  annotations:
    checksum/config: {{ include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum }}
    {{- if and (eq .component "api") (not $root.Values.auth.existingSecret) }}
    # Rolls the Api when the chart's API keys change (env from a Secret is read only at container start).
    checksum/api-keys: {{ include (print $root.Template.BasePath "/api-keys-secret.yaml") $root | sha256sum }}
    {{- end }}
    {{- if $root.Values.metrics.scrapeAnnotations }}
    # Read by a Prometheus that discovers pods by annotation (manifests/monitoring/prometheus.yml).
    prometheus.io/scrape: "true"
    prometheus.io/port: {{ $root.Values.ports.http | quote }}
    prometheus.io/path: {{ $root.Values.metrics.path | quote }}
    {{- end }}
    {{- with $v.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "pi-orleans.serviceAccountName" . }}
  # UseKubernetesHosting() reads its own pod and watches the others: it needs the token.
  automountServiceAccountToken: true
  terminationGracePeriodSeconds: {{ $root.Values.shutdown.terminationGracePeriodSeconds }}
  {{- with $root.Values.podSecurityContext }}
  securityContext:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $root.Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  containers:
    - name: {{ .component }}
      image: {{ include "pi-orleans.image" (dict "root" $root "image" $v.image) }}
      imagePullPolicy: {{ $root.Values.image.pullPolicy }}
      ports:
        - name: http
          containerPort: {{ $root.Values.ports.http }}
          protocol: TCP
        - name: silo
          containerPort: {{ $root.Values.ports.silo }}
          protocol: TCP
        # Open in the container, closed by the NetworkPolicy: no Orleans client connects to the gateway.
        - name: gateway
          containerPort: {{ $root.Values.ports.gateway }}
          protocol: TCP
      envFrom:
        - configMapRef:
            name: {{ $fullname }}
      env:
        # Read by Microsoft.Orleans.Hosting.Kubernetes.
        - name: POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        - name: POD_NAMESPACE
          valueFrom:
            fieldRef:
              fieldPath: metadata.namespace
        - name: POD_IP
          valueFrom:
            fieldRef:
              fieldPath: status.podIP
        - name: ORLEANS_SERVICE_ID
          value: {{ $root.Values.orleans.serviceId | quote }}
        - name: ORLEANS_CLUSTER_ID
          value: {{ $root.Values.orleans.clusterId | quote }}
        # The same facts for the app's own "Cluster" options, so that the silo name, advertised address and ids agree
        # with the hosting package whichever is configured last.
        - name: Cluster__ServiceId
          value: {{ $root.Values.orleans.serviceId | quote }}
        - name: Cluster__ClusterId
          value: {{ $root.Values.orleans.clusterId | quote }}
        - name: Cluster__SiloName
          value: $(POD_NAME)
        - name: Cluster__AdvertisedIP
          value: $(POD_IP)
        - name: Cluster__SiloPort
          value: {{ $root.Values.ports.silo | quote }}
        - name: Cluster__GatewayPort
          value: {{ $root.Values.ports.gateway | quote }}
        - name: REDIS_PASSWORD
          valueFrom:
            secretKeyRef:
              name: {{ include "pi-orleans.redisSecretName" $root }}
              key: {{ $root.Values.redis.auth.secretKey }}
        - name: ConnectionStrings__Redis
          value: {{ printf "%s:%v,password=$(REDIS_PASSWORD),abortConnect=false" (include "pi-orleans.redisName" $root) $root.Values.redis.port | quote }}
        - name: DOTNET_SHUTDOWNTIMEOUTSECONDS
          value: {{ $root.Values.shutdown.timeoutSeconds | quote }}
        # Kestrel listens on every address at this port (the image sets the same; nothing in appsettings.json names an address).
        - name: ASPNETCORE_HTTP_PORTS
          value: {{ $root.Values.ports.http | quote }}
        {{- if eq .component "api" }}
        # The backlog signal (/api/scaling, pi_orleans_scaling_desired_workers) asks for workers within the autoscaler's range.
        - name: Scaling__MinWorkers
          value: {{ $root.Values.silo.autoscaling.minReplicas | quote }}
        - name: Scaling__MaxWorkers
          value: {{ $root.Values.silo.autoscaling.maxReplicas | quote }}
        # GET /api/k8s/status reports this HPA: the chart's (mode cpu) or KEDA's (mode keda), which share one name.
        - name: Kubernetes__HpaName
          value: {{ include "pi-orleans.workerAutoscalerName" $root | quote }}
        # The API keys, straight from the Secret (never in the ConfigMap). In Redis mode the Api refuses to start without one.
        {{- $secret := include "pi-orleans.apiKeysSecretName" $root }}
        {{- range $i, $key := include "pi-orleans.apiKeySecretKeys" $root | fromJsonArray }}
        - name: Auth__ApiKeys__{{ $i }}
          valueFrom:
            secretKeyRef:
              name: {{ $secret }}
              key: {{ $key }}
        {{- end }}
        # Proxies trusted for X-Forwarded-For / X-Forwarded-Proto (the client address the rate limit sees). None by default.
        {{- with $root.Values.api.forwardedHeaders }}
        {{- range $i, $proxy := .knownProxies }}
        - name: ForwardedHeaders__KnownProxies__{{ $i }}
          value: {{ $proxy | quote }}
        {{- end }}
        {{- range $i, $network := .knownNetworks }}
        - name: ForwardedHeaders__KnownNetworks__{{ $i }}
          value: {{ $network | quote }}
        {{- end }}
        - name: ForwardedHeaders__ForwardLimit
          value: {{ .forwardLimit | default 1 | quote }}
        {{- end }}
        {{- end }}
        {{- with $v.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- with $root.Values.probes }}
      startupProbe:
        httpGet:
          path: {{ .startup.path }}
          port: http
        periodSeconds: {{ .startup.periodSeconds }}
        timeoutSeconds: {{ .startup.timeoutSeconds }}
        failureThreshold: {{ .startup.failureThreshold }}
      readinessProbe:
        httpGet:
          path: {{ .readiness.path }}
          port: http
        periodSeconds: {{ .readiness.periodSeconds }}
        timeoutSeconds: {{ .readiness.timeoutSeconds }}
        failureThreshold: {{ .readiness.failureThreshold }}
      livenessProbe:
        httpGet:
          path: {{ .liveness.path }}
          port: http
        periodSeconds: {{ .liveness.periodSeconds }}
        timeoutSeconds: {{ .liveness.timeoutSeconds }}
        failureThreshold: {{ .liveness.failureThreshold }}
      {{- end }}
      lifecycle:
        preStop:
          exec:
            command: ["/bin/sleep", {{ $root.Values.shutdown.preStopSleepSeconds | quote }}]
      resources:
        {{- toYaml $v.resources | nindent 8 }}
      securityContext:
        {{- toYaml $root.Values.securityContext | nindent 8 }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: {{ $root.Values.tmpVolume.sizeLimit }}
  {{- with $v.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- if and $v.topologySpread $v.topologySpread.enabled }}
  topologySpreadConstraints:
    - maxSkew: {{ $v.topologySpread.maxSkew }}
      topologyKey: {{ $v.topologySpread.topologyKey }}
      whenUnsatisfiable: ScheduleAnyway
      labelSelector:
        matchLabels:
          {{- include "pi-orleans.selectorLabels" . | nindent 10 }}
  {{- end }}
{{- end }}
