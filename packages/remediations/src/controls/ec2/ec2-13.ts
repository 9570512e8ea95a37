import { openPortIngressControl } from './open-port-ingress';

/**
 * EC2.13: security groups should not allow ingress from 0.0.0.0/0 or ::/0 to port 22 (SSH).
 * The fix revokes exactly the offending ingress rules by rule id (IPv4 and IPv6); a rule wider than
 * port 22 (a TCP range or all traffic) is revoked whole. Undo: re-authorize the rules of the
 * before-image (`authorizeSecurityGroupIngress`).
 */
export const ec2_13 = openPortIngressControl({
  controlId: 'EC2.13',
  title: 'Security groups should not allow ingress from 0.0.0.0/0 or ::/0 to port 22',
  port: 22,
  service: 'SSH',
});
