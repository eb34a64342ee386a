package org.vanguard.hub.audit;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on Spring's scheduler, which takes the periodic signed audit checkpoints ({@link AuditCheckpoints}). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class AuditConfiguration {}
