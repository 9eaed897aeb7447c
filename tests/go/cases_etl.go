package main

// Fixture cases for ext/etl messages (and the k8s EnvVar they carry).

import (
	"math"
	"time"

	"github.com/NVIDIA/aistore/cmn/cos"
	"github.com/NVIDIA/aistore/ext/etl"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
)

const podSpec = `apiVersion: v1
kind: Pod
metadata:
  name: md5
  annotations:
    communication_type: "hpush://"
spec:
  containers:
    - name: server
      image: aistorage/transformer_md5:latest
      ports: [{name: default, containerPort: 8000}]
      readinessProbe: {httpGet: {path: /health, port: default}}
`

func fullEnvVar() corev1.EnvVar {
	return corev1.EnvVar{
		Name:  "AIS_FOO",
		Value: "bar",
		ValueFrom: &corev1.EnvVarSource{
			FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.name"},
			ResourceFieldRef: &corev1.ResourceFieldSelector{
				ContainerName: "server", Resource: "limits.memory", Divisor: resource.MustParse("1Mi"),
			},
			ConfigMapKeyRef: &corev1.ConfigMapKeySelector{
				LocalObjectReference: corev1.LocalObjectReference{Name: "cm"}, Key: "k", Optional: ptr(true),
			},
			SecretKeyRef: &corev1.SecretKeySelector{
				LocalObjectReference: corev1.LocalObjectReference{Name: "secret"}, Key: "token", Optional: ptr(false),
			},
			FileKeyRef: &corev1.FileKeySelector{VolumeName: "vol", Path: "env.txt", Key: "FOO", Optional: ptr(true)},
		},
	}
}

func fullInitMsgBase() etl.InitMsgBase {
	return etl.InitMsgBase{
		EtlName:          "md5",
		CommTypeX:        etl.Hpush,
		Env:              []corev1.EnvVar{{Name: "A", Value: "1"}, fullEnvVar()},
		InitTimeout:      cos.Duration(45 * time.Second),
		ObjTimeout:       cos.Duration(10 * time.Second),
		SupportDirectPut: true,
	}
}

func fullRuntimeSpec() etl.RuntimeSpec {
	return etl.RuntimeSpec{
		Image:   "aistorage/transformer_md5:latest",
		Command: []string{"uvicorn", "fastapi_server:fastapi_app", "--port", "8000"},
		Env:     []corev1.EnvVar{{Name: "FORMAT", Value: "jpeg"}},
	}
}

func fullETLSpecMsg() *etl.ETLSpecMsg {
	return &etl.ETLSpecMsg{
		InitMsgBase: fullInitMsgBase(),
		Runtime:     fullRuntimeSpec(),
		Resources: corev1.ResourceRequirements{
			Limits:   corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("500m"), corev1.ResourceMemory: resource.MustParse("1Gi")},
			Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("250m")},
			Claims:   []corev1.ResourceClaim{{Name: "gpu", Request: "one"}},
		},
	}
}

func fullInitSpecMsg() *etl.InitSpecMsg {
	return &etl.InitSpecMsg{Spec: []byte(podSpec), InitMsgBase: fullInitMsgBase()}
}

func casesETLInfo() []fixtureCase {
	return []fixtureCase{
		{"zero", &etl.Info{}},
		{"full", &etl.Info{Name: "md5", Stage: etl.Running.String(), XactID: "X3kQz9aLp", ObjCount: 7, InBytes: 700, OutBytes: 350}},
		{"unicode", &etl.Info{Name: uni, Stage: uni, XactID: uni}},
		{"int_limits", &etl.Info{ObjCount: maxI64, InBytes: maxI64, OutBytes: maxI64}},
		{"int_limits_min", &etl.Info{ObjCount: minI64, InBytes: minI64, OutBytes: minI64}},
	}
}

func casesInitMsgBase() []fixtureCase {
	full := fullInitMsgBase()
	return []fixtureCase{
		{"zero", &etl.InitMsgBase{}},
		{"full", &full},
		{"unicode", &etl.InitMsgBase{EtlName: uni, CommTypeX: uni, Env: []corev1.EnvVar{{Name: uni, Value: uni}}}},
		{"empty_vs_nil", &etl.InitMsgBase{Env: []corev1.EnvVar{}}},
		{"duration_forms", &etl.InitMsgBase{InitTimeout: cos.Duration(time.Hour), ObjTimeout: cos.Duration(1500 * time.Millisecond)}},
		{"int_limits", &etl.InitMsgBase{InitTimeout: cos.Duration(maxI64), ObjTimeout: cos.Duration(maxI64)}},
		{"int_limits_min", &etl.InitMsgBase{InitTimeout: cos.Duration(minI64), ObjTimeout: cos.Duration(minI64)}},
	}
}

func casesEnvVar() []fixtureCase {
	full := fullEnvVar()
	return []fixtureCase{
		{"zero", &corev1.EnvVar{}},
		{"full", &full},
		{"unicode", &corev1.EnvVar{Name: uni, Value: uni}},
		{"plain", &corev1.EnvVar{Name: "FOO", Value: "bar"}},
	}
}

func casesRuntimeSpec() []fixtureCase {
	full := fullRuntimeSpec()
	return []fixtureCase{
		{"zero", &etl.RuntimeSpec{}},
		{"full", &full},
		{"unicode", &etl.RuntimeSpec{Image: uni, Command: []string{uni}, Env: []corev1.EnvVar{{Name: uni, Value: uni}}}},
		{"empty_vs_nil", &etl.RuntimeSpec{Command: []string{}, Env: []corev1.EnvVar{}}},
	}
}

func casesETLSpecMsg() []fixtureCase {
	return []fixtureCase{
		{"zero", &etl.ETLSpecMsg{}},
		{"full", fullETLSpecMsg()},
		{"unicode", &etl.ETLSpecMsg{
			InitMsgBase: etl.InitMsgBase{EtlName: uni, CommTypeX: uni},
			Runtime:     etl.RuntimeSpec{Image: uni, Command: []string{uni}},
		}},
		{"empty_vs_nil", &etl.ETLSpecMsg{
			InitMsgBase: etl.InitMsgBase{Env: []corev1.EnvVar{}},
			Runtime:     etl.RuntimeSpec{Command: []string{}},
			Resources:   corev1.ResourceRequirements{Limits: corev1.ResourceList{}},
		}},
		{"int_limits", &etl.ETLSpecMsg{InitMsgBase: etl.InitMsgBase{InitTimeout: cos.Duration(maxI64), ObjTimeout: cos.Duration(maxI64)}}},
	}
}

func casesInitSpecMsg() []fixtureCase {
	return []fixtureCase{
		{"zero", &etl.InitSpecMsg{}},
		{"full", fullInitSpecMsg()},
		{"unicode", &etl.InitSpecMsg{Spec: []byte(uni), InitMsgBase: etl.InitMsgBase{EtlName: uni}}},
		{"empty_vs_nil", &etl.InitSpecMsg{Spec: []byte{}, InitMsgBase: etl.InitMsgBase{Env: []corev1.EnvVar{}}}},
		{"binary_bytes", &etl.InitSpecMsg{Spec: []byte{0x00, 0xff, 0xfe, 0x80, 0x0a, 0x3e, 0x3f}}}, // base64 with '+' '/' and padding
	}
}

func casesObjErr() []fixtureCase {
	return []fixtureCase{
		{"zero", &etl.ObjErr{}},
		{"full", &etl.ObjErr{ObjName: "images/0001.jpg", Message: "transform failed: bad header", Ecode: 500}},
		{"unicode", &etl.ObjErr{ObjName: uni, Message: uni}},
		{"int_limits", &etl.ObjErr{Ecode: math.MaxInt}},
		{"int_limits_min", &etl.ObjErr{Ecode: math.MinInt}},
	}
}

func casesDetails() []fixtureCase {
	errs := []etl.ObjErr{{ObjName: "a", Message: "m", Ecode: 404}, {ObjName: "b", Message: "n", Ecode: 500}}
	return []fixtureCase{
		{"zero", &etl.Details{}},
		{"full", &etl.Details{InitMsg: fullETLSpecMsg(), ObjErrs: errs}},
		{"init_spec", &etl.Details{InitMsg: fullInitSpecMsg(), ObjErrs: errs[:1]}},
		{"unicode", &etl.Details{
			InitMsg: &etl.ETLSpecMsg{InitMsgBase: etl.InitMsgBase{EtlName: uni}, Runtime: etl.RuntimeSpec{Image: uni}},
			ObjErrs: []etl.ObjErr{{ObjName: uni, Message: uni}},
		}},
		{"empty_vs_nil", &etl.Details{InitMsg: &etl.InitSpecMsg{Spec: []byte{}}, ObjErrs: []etl.ObjErr{}}},
	}
}

func casesLogs() []fixtureCase {
	return []fixtureCase{
		{"zero", &etl.Logs{}},
		{"full", &etl.Logs{TargetID: "tAbCdEfG", Logs: []byte("INFO started\nINFO ready\n")}},
		{"unicode", &etl.Logs{TargetID: uni, Logs: []byte(uni)}},
		{"empty_vs_nil", &etl.Logs{Logs: []byte{}}},
		{"binary_bytes", &etl.Logs{Logs: []byte{0x00, 0xff, 0xfe, 0x80, 0x0a}}},
	}
}
