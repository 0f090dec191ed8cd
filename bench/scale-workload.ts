import * as fs from 'fs';

/*
 * The CLI's scale workload: one multi-document YAML file of valid objects, per app a
 * Deployment, a ClusterIP Service selecting it (named targetPort) and an Ingress to the
 * Service, spread over 50 namespaces. The same shape as bench/workloads.ts's raw apps,
 * written as YAML text directly (building 200,000 ApiObjects would measure cdk8s, not us).
 */

export const NAMESPACES = 50;

function app(i: number): string {
  const name = `app${i}`;
  const ns = `team${i % NAMESPACES}`;
  const labels = `      app.kubernetes.io/instance: ${name}\n      app.kubernetes.io/name: ${name}\n`;
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector:
    matchLabels:
${labels}  template:
    metadata:
      labels:
${labels.replace(/^ {6}/gm, '        ')}    spec:
      containers:
        - name: app
          image: nginx:1.27
          ports:
            - name: http
              containerPort: 80
          readinessProbe:
            httpGet:
              port: http
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector:
${labels.replace(/^ {6}/gm, '    ')}  ports:
    - name: http
      port: 80
      targetPort: http
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  rules:
    - host: ${name}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${name}
                port:
                  number: 80
`;
}

/** Writes `objects` objects (rounded up to whole apps) to `file`; returns the object count. */
export function writeScaleWorkload(file: string, objects: number): number {
  const apps = Math.ceil(objects / 3);
  const fd = fs.openSync(file, 'w');
  try {
    let chunk = '';
    for (let i = 0; i < apps; i++) {
      chunk += (i === 0 ? '' : '---\n') + app(i);
      if (chunk.length > 1_048_576) {
        fs.writeSync(fd, chunk);
        chunk = '';
      }
    }
    fs.writeSync(fd, chunk);
  } finally {
    fs.closeSync(fd);
  }
  return apps * 3;
}
