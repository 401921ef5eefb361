{{- define "ghnt.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "ghnt.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains (include "ghnt.name" .) .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "ghnt.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "ghnt.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "ghnt.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: ghnt-portal
{{- end -}}

{{/* Selector labels of one component: web, worker, beat, migrate. */}}
{{- define "ghnt.selector" -}}
app.kubernetes.io/name: {{ include "ghnt.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "ghnt.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "ghnt.secretName" -}}
{{- .Values.existingSecret | default (include "ghnt.fullname" .) -}}
{{- end -}}

{{- define "ghnt.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- .Values.serviceAccount.name | default (include "ghnt.fullname" .) -}}
{{- else -}}
{{- .Values.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end -}}

{{/* What every pod of the portal shares: the service account, pull secrets, security context. */}}
{{- define "ghnt.podSpec" -}}
serviceAccountName: {{ include "ghnt.serviceAccountName" . }}
automountServiceAccountToken: false
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- end -}}

{{/* The container's environment: the ConfigMap and the Secret. */}}
{{- define "ghnt.env" -}}
envFrom:
  - configMapRef:
      name: {{ include "ghnt.fullname" . }}
  - secretRef:
      name: {{ include "ghnt.secretName" . }}
{{- end -}}

{{/* Writable paths on the read-only root filesystem: /tmp, and the media volume if local. */}}
{{- define "ghnt.volumeMounts" -}}
volumeMounts:
  - name: tmp
    mountPath: /tmp
{{- if eq .Values.storage.backend "local" }}
  - name: media
    mountPath: /data/media
{{- end }}
{{- end -}}

{{- define "ghnt.volumes" -}}
volumes:
  - name: tmp
    emptyDir:
      sizeLimit: 1Gi
{{- if eq .Values.storage.backend "local" }}
  - name: media
    persistentVolumeClaim:
      claimName: {{ .Values.storage.local.existingClaim | default (printf "%s-media" (include "ghnt.fullname" .)) }}
{{- end }}
{{- end -}}

{{- define "ghnt.scheduling" -}}
{{- with .nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Hook annotations of what the migration Job needs before the release's own resources exist. */}}
{{- define "ghnt.preHook" -}}
helm.sh/hook: pre-install,pre-upgrade
helm.sh/hook-weight: {{ . | quote }}
helm.sh/hook-delete-policy: before-hook-creation
{{- end -}}
